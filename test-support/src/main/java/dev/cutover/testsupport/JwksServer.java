package dev.cutover.testsupport;

import com.sun.net.httpserver.HttpServer;
import dev.cutover.contracts.auth.TokenClaims;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves the test run's JWKS over real HTTP, the way identity serves its keys, on a random local port. */
public final class JwksServer {

    private static volatile String uri;

    private JwksServer() {
    }

    /** The JWKS URI, starting the server on first call. */
    public static String uri() {
        String current = uri;
        if (current == null) {
            synchronized (JwksServer.class) {
                current = uri;
                if (current == null) {
                    current = start();
                    uri = current;
                }
            }
        }
        return current;
    }

    private static String start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = TestTokens.jwksJson().getBytes(StandardCharsets.UTF_8);
            server.createContext(TokenClaims.JWKS_PATH, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "jwks-server-stop"));
            return "http://127.0.0.1:" + server.getAddress().getPort() + TokenClaims.JWKS_PATH;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.cutover.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes key sets over real HTTP, one per path, the way each side publishes its JWKS; a test can change what a
 * path answers (another body, an error status) and count how often each was fetched.
 */
public final class KeySetServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    /** Each path publishes the public half of its key. */
    public KeySetServer(Map<String, RSAKey> keys) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.forEach((path, key) -> {
            bodies.put(path, new JWKSet(key.toPublicJWK()).toString());
            statuses.put(path, 200);
            fetches.put(path, new AtomicInteger());
            server.createContext(path, exchange -> {
                fetches.get(path).incrementAndGet();
                byte[] body = bodies.get(path).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(statuses.get(path), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        });
        server.start();
    }

    public String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What {@code path} answers from now on. */
    public void publish(String path, String body) {
        bodies.put(path, body);
    }

    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    public int fetches(String path) {
        return fetches.get(path).get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

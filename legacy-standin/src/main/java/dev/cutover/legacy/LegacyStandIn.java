package dev.cutover.legacy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubImport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the public API v1 the way the legacy monolith shapes it, from canned WireMock stubs in
 * {@code legacy/stubs.json} on the classpath. In real deployments {@code LEGACY_UPSTREAM} points the gateway
 * at the monolith itself; this exists so that a laptop or a test has a legacy side to route to.
 */
public final class LegacyStandIn {

    /** Marks every response as coming from the stand-in. */
    public static final String SERVED_BY_HEADER = "X-Served-By";

    private LegacyStandIn() {
    }

    /** The canned responses, one WireMock stub import; read as a stream so it works from inside a packaged jar. */
    static final String STUBS = "legacy/stubs.json";

    public static WireMockServer start(int port) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .port(port)
                .bindAddress(System.getenv().getOrDefault("BIND_ADDRESS", "0.0.0.0"))
                .templatingEnabled(true)
                .globalTemplating(true)
                .containerThreads(50)
                .disableRequestJournal());
        server.start();
        server.importStubs(Json.read(readStubs(), StubImport.class));
        return server;
    }

    private static String readStubs() {
        try (InputStream in = LegacyStandIn.class.getClassLoader().getResourceAsStream(STUBS)) {
            if (in == null) {
                throw new IllegalStateException(STUBS + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
        WireMockServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "legacy-stand-in-stop"));
        System.out.println("Legacy stand-in listening on port " + server.port());
    }
}

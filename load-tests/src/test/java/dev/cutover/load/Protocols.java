package dev.cutover.load;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.UUID;

import static io.gatling.javaapi.http.HttpDsl.http;

/** How the load generator talks HTTP. */
final class Protocols {

    private Protocols() {
    }

    /**
     * A server-to-server style client: keep-alive connections shared by all virtual users, so each request is
     * a request and not a TCP handshake (what a gateway's upstream pool or a backend-for-frontend does).
     */
    static HttpProtocolBuilder shared(String baseUrl) {
        return plain(baseUrl).shareConnections();
    }

    /** One connection pool per virtual user: each journey is its own client, like a phone. */
    static HttpProtocolBuilder perUser(String baseUrl) {
        return plain(baseUrl);
    }

    private static HttpProtocolBuilder plain(String baseUrl) {
        return http.baseUrl(baseUrl)
                .acceptHeader("application/json")
                .userAgentHeader("cutover-load-tests")
                .header("X-Request-Id", session -> "load-" + UUID.randomUUID())
                .disableWarmUp()
                .disableCaching();
    }

    /** The base URL of a side: {@code gateway}, or {@code direct} (the owning service, here payments). */
    static String paymentsSide(String side) {
        return switch (side) {
            case "gateway" -> Knobs.gatewayUrl();
            case "direct" -> Knobs.paymentsUrl();
            default -> throw new IllegalArgumentException("Unknown side " + side + " (gateway or direct)");
        };
    }
}

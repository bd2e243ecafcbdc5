package dev.cutover.gateway.routing;

import java.util.Objects;

/**
 * Who is calling, as far as the gateway can tell.
 *
 * @param subject  the {@code sub} of a verified bearer token, or {@code null}
 * @param clientId a well-formed {@code X-Client-Id}, or {@code null}
 * @param address  the client's network address (past trusted proxies)
 */
public record CallerKey(String subject, String clientId, String address) {

    /** Exchange attribute under which the edge stores the caller of a request. */
    public static final String ATTRIBUTE = CallerKey.class.getName();

    public CallerKey {
        Objects.requireNonNull(address, "address");
    }

    /** What sticky routing hashes: the verified subject, else the client id, else the address (SPEC §5). */
    public String routingKey() {
        if (subject != null) {
            return subject;
        }
        return clientId != null ? clientId : address;
    }

    /**
     * What rate limiting counts against: the verified subject, else the address. Never {@code X-Client-Id}:
     * a client chooses that header freely, so honouring it would let one client mint fresh allowances.
     */
    public String rateLimitKey() {
        return subject != null ? "sub:" + subject : "addr:" + address;
    }
}

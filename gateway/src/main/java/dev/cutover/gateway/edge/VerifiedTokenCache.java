package dev.cutover.gateway.edge;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens that already passed full verification (signature, issuer, expiry), so that a client's
 * next requests with the same token skip the RSA check and the JSON parsing — the largest CPU cost of the
 * edge. Only the identical token string hits; a remembered token is re-checked against its {@code exp} (with
 * the same clock skew the validator allows) on every use. Bounded: when full it starts over.
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    /** The clock skew Spring Security's {@code JwtTimestampValidator} allows by default. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final ReactiveJwtDecoder delegate;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (stillValid(known, clock.instant())) {
                return Mono.just(known);
            }
            verified.remove(token);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        if (jwt.getExpiresAt() == null || maxEntries <= 0) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, jwt);
    }

    private static boolean stillValid(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && now.minus(CLOCK_SKEW).isBefore(expiresAt);
    }

    int size() {
        return verified.size();
    }
}

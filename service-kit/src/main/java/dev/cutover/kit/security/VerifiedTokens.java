package dev.cutover.kit.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JwtDecoder} that remembers tokens which already passed the full check (signature, issuer, expiry),
 * so the next request with the identical token skips the RSA verification and the JSON parsing. A service
 * sees the same token many times — a client's for its session, a peer service's for an hour — and the check
 * was the largest single cost of a small request. A remembered token is still refused once its {@code exp}
 * passes (with the clock skew Spring Security's validator allows). Bounded: when full, it starts over.
 */
public final class VerifiedTokens implements JwtDecoder {

    /** The clock skew Spring Security's {@code JwtTimestampValidator} allows by default. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder delegate;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder delegate, int capacity, Clock clock) {
        this.delegate = delegate;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Wraps every {@link JwtDecoder} bean; a capacity of 0 leaves them as they are. */
    public static BeanPostProcessor wrapping(int capacity, Clock clock) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens) && capacity > 0) {
                    return new VerifiedTokens(decoder, capacity, clock);
                }
                return bean;
            }
        };
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.get(token);
        Instant now = clock.instant();
        if (known != null) {
            if (known.getExpiresAt() != null && now.minus(CLOCK_SKEW).isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}

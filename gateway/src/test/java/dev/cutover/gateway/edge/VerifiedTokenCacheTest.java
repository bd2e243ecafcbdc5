package dev.cutover.gateway.edge;

import dev.cutover.testsupport.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final SettableClock clock = new SettableClock(NOW);

    @Test
    void aTokenIsVerifiedOnceAndThenRecognised() {
        VerifiedTokenCache cache = new VerifiedTokenCache(this::verify, 10, clock);

        cache.decode("token-a").block();
        Jwt again = cache.decode("token-a").block();

        assertThat(again.getSubject()).isEqualTo("usr_1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        VerifiedTokenCache cache = new VerifiedTokenCache(this::verify, 10, clock);
        cache.decode("token-a").block();

        clock.set(NOW.plus(Duration.ofMinutes(20)));

        assertThatThrownBy(() -> cache.decode("token-a").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(this::verify, 10, clock);

        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokenCache cache = new VerifiedTokenCache(this::verify, 3, clock);

        for (int i = 0; i < 10; i++) {
            cache.decode("token-" + i).block();
        }

        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }

    private Mono<Jwt> verify(String token) {
        verifications.incrementAndGet();
        if (token.equals("forged") || clock.instant().isAfter(NOW.plus(Duration.ofMinutes(16)))) {
            return Mono.error(new BadJwtException("invalid"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("usr_1")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(15))).build());
    }
}

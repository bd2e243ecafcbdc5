package dev.cutover.kit.security;

import dev.cutover.testsupport.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final List<String> checked = new ArrayList<>();

    private JwtDecoder verifying(Instant expiresAt) {
        return token -> {
            checked.add(token);
            if (token.startsWith("bad")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("usr_1").issuedAt(NOW).expiresAt(expiresAt).build();
        };
    }

    @Test
    void theSameTokenIsVerifiedOnceWhileItIsValid() {
        var tokens = new VerifiedTokens(verifying(NOW.plusSeconds(900)), 10, Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = tokens.decode("t1");
        Jwt second = tokens.decode("t1");
        tokens.decode("t2");

        assertThat(second).isSameAs(first);
        assertThat(checked).containsExactly("t1", "t2");
    }

    @Test
    void aRememberedTokenPastItsExpiryAndTheSkewIsVerifiedAgain() {
        var clock = new SettableClock(NOW);
        var tokens = new VerifiedTokens(verifying(NOW.plusSeconds(60)), 10, clock);
        tokens.decode("t1");

        clock.set(NOW.plusSeconds(60).plus(VerifiedTokens.CLOCK_SKEW).minusSeconds(1));
        tokens.decode("t1");
        assertThat(checked).containsExactly("t1");

        clock.set(NOW.plusSeconds(60).plus(VerifiedTokens.CLOCK_SKEW));
        tokens.decode("t1");
        assertThat(checked).containsExactly("t1", "t1");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        var tokens = new VerifiedTokens(verifying(NOW.plusSeconds(900)), 10, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("bad", "bad");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void whenFullItStartsOver() {
        var tokens = new VerifiedTokens(verifying(NOW.plusSeconds(900)), 2, Clock.fixed(NOW, ZoneOffset.UTC));
        tokens.decode("t1");
        tokens.decode("t2");
        tokens.decode("t3");

        assertThat(tokens.size()).isEqualTo(1);
        tokens.decode("t1");
        assertThat(checked).containsExactly("t1", "t2", "t3", "t1");
    }

    @Test
    void theBeanPostProcessorWrapsDecodersOnlyWhenSwitchedOn() {
        JwtDecoder decoder = verifying(NOW.plusSeconds(900));

        assertThat(VerifiedTokens.wrapping(100, Clock.systemUTC()).postProcessAfterInitialization(decoder, "jwtDecoder"))
                .isInstanceOf(VerifiedTokens.class);
        assertThat(VerifiedTokens.wrapping(0, Clock.systemUTC()).postProcessAfterInitialization(decoder, "jwtDecoder"))
                .isSameAs(decoder);
        assertThat(VerifiedTokens.wrapping(100, Clock.systemUTC()).postProcessAfterInitialization("other", "other"))
                .isEqualTo("other");
    }
}

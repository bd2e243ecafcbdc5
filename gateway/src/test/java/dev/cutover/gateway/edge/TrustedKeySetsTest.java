package dev.cutover.gateway.edge;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cutover.testsupport.KeySetServer;
import dev.cutover.testsupport.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cutover.testsupport.TestTokens.generate;
import static dev.cutover.testsupport.TestTokens.signedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedKeySetsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final RSAKey identityKey = generate("sig-identity");
    private final RSAKey legacyKey = generate("legacy-1");
    private final SettableClock clock = new SettableClock(NOW);
    private final KeySetServer sides = new KeySetServer(Map.of("/identity", identityKey, "/legacy", legacyKey));

    @AfterEach
    void stop() {
        sides.close();
    }

    @Test
    void tokensOfEitherSideAreVerifiedWithTheKeyTheirKidNames() {
        NimbusReactiveJwtDecoder decoder = decoder();

        assertThat(decoder.decode(signedBy(identityKey, "usr_1")).block().getSubject()).isEqualTo("usr_1");
        assertThat(decoder.decode(signedBy(legacyKey, "usr_1")).block().getSubject()).isEqualTo("usr_1");
        assertThatThrownBy(() -> decoder.decode(signedBy(generate("legacy-1"), "usr_1")).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void madeUpKidsFetchEachSetAtMostOncePerInterval() {
        NimbusReactiveJwtDecoder decoder = decoder();
        decoder.decode(signedBy(identityKey, "usr_1")).block();
        clock.set(NOW.plusSeconds(2));

        RSAKey unpublished = generate("unpublished");
        for (int i = 0; i < 50; i++) {
            RSAKey stranger = new RSAKey.Builder(unpublished).keyID("kid-" + i).build();
            assertThatThrownBy(() -> decoder.decode(signedBy(stranger, "usr_1")).block()).isInstanceOf(JwtException.class);
        }

        assertThat(sides.fetches("/identity")).as("the first fetch and one for the made-up kids").isEqualTo(2);
        assertThat(sides.fetches("/legacy")).as("one fetch for the made-up kids").isEqualTo(1);
    }

    @Test
    void aSetThatCannotBeFetchedKeepsItsLastKeys() {
        NimbusReactiveJwtDecoder decoder = decoder();
        decoder.decode(signedBy(legacyKey, "usr_1")).block();

        sides.publish("/legacy", "not json");
        clock.set(NOW.plus(Duration.ofMinutes(10)));

        assertThat(decoder.decode(signedBy(legacyKey, "usr_1")).block().getSubject()).isEqualTo("usr_1");
        assertThat(sides.fetches("/legacy")).isEqualTo(2);
    }

    @Test
    void aKeyRemovedFromItsSetStopsBeingTrustedOnceTheSetIsRefreshed() {
        NimbusReactiveJwtDecoder decoder = decoder();
        String token = signedBy(identityKey, "usr_1");
        decoder.decode(token).block();

        sides.publish("/identity", new JWKSet(List.of()).toString());
        clock.set(NOW.plus(Duration.ofMinutes(6)));

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    private NimbusReactiveJwtDecoder decoder() {
        TrustedKeySets keys = new TrustedKeySets(List.of(URI.create(sides.uri("/identity")), URI.create(sides.uri("/legacy"))),
                WebClient.create(), Duration.ofMinutes(5), Duration.ofSeconds(1), clock);
        return NimbusReactiveJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
    }
}

package dev.cutover.kit.security;

import com.nimbusds.jose.jwk.RSAKey;
import dev.cutover.testsupport.KeySetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.util.Map;

import static dev.cutover.testsupport.TestTokens.generate;
import static dev.cutover.testsupport.TestTokens.signedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedKeySetsTest {

    private final RSAKey identityKey = generate("sig-identity");
    private final RSAKey legacyKey = generate("legacy-1");
    private final KeySetServer sides = new KeySetServer(Map.of("/identity", identityKey, "/legacy", legacyKey));

    @AfterEach
    void stop() {
        sides.close();
    }

    @Test
    void tokensOfEitherSideAreVerifiedWithTheKeyTheirKidNames() {
        JwtDecoder decoder = decoder();

        assertThat(decoder.decode(signedBy(identityKey, "usr_1")).getSubject()).isEqualTo("usr_1");
        assertThat(decoder.decode(signedBy(legacyKey, "usr_1")).getSubject()).isEqualTo("usr_1");
        assertThatThrownBy(() -> decoder.decode(signedBy(generate("legacy-1"), "usr_1"))).isInstanceOf(JwtException.class);
    }

    @Test
    void madeUpKidsDoNotTurnIntoAStreamOfFetches() {
        JwtDecoder decoder = decoder();
        decoder.decode(signedBy(identityKey, "usr_1"));
        decoder.decode(signedBy(legacyKey, "usr_1"));

        RSAKey unpublished = generate("unpublished");
        for (int i = 0; i < 50; i++) {
            RSAKey stranger = new RSAKey.Builder(unpublished).keyID("kid-" + i).build();
            assertThatThrownBy(() -> decoder.decode(signedBy(stranger, "usr_1"))).isInstanceOf(JwtException.class);
        }

        assertThat(sides.fetches("/identity")).isLessThanOrEqualTo(3);
        assertThat(sides.fetches("/legacy")).isLessThanOrEqualTo(3);
    }

    @Test
    void aSideThatCannotBeReachedLeavesTheOtherSidesTokensAccepted() {
        sides.answer("/legacy", 503);
        JwtDecoder decoder = decoder();

        assertThat(decoder.decode(signedBy(identityKey, "usr_1")).getSubject()).isEqualTo("usr_1");
        assertThatThrownBy(() -> decoder.decode(signedBy(legacyKey, "usr_1"))).isInstanceOf(JwtException.class);
    }

    private JwtDecoder decoder() {
        return NimbusJwtDecoder.withJwkSource(TrustedKeySets.at(sides.uri("/identity"), "", sides.uri("/legacy")))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
    }
}

package dev.cutover.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.cutover.contracts.auth.Scope;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestTokensTest {

    private static DefaultJWTProcessor<SecurityContext> verifierFromServedJwks() throws Exception {
        String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(JwksServer.uri())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(jwks))));
        return processor;
    }

    @Test
    void mintedTokensVerifyAgainstTheServedJwksWithTheSpecClaims() throws Exception {
        JWTClaimsSet claims = verifierFromServedJwks().process(TestTokens.user("usr_abc"), null);

        assertThat(claims.getSubject()).isEqualTo("usr_abc");
        assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.getStringClaim("scope")).isEqualTo("user");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(claims.getIssueTime().toInstant());
    }

    @Test
    void forgedTokensDoNotVerify() throws Exception {
        DefaultJWTProcessor<SecurityContext> verifier = verifierFromServedJwks();

        assertThatThrownBy(() -> verifier.process(TestTokens.forged("usr_abc", Scope.OPS), null)).isNotNull();
    }

    @Test
    void cachedTokensAreReusedPerSubjectAndScope() {
        assertThat(TestTokens.ops()).isEqualTo(TestTokens.ops());
        assertThat(TestTokens.user("usr_1")).isNotEqualTo(TestTokens.user("usr_2"));
    }
}

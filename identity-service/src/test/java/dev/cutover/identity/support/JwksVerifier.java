package dev.cutover.identity.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Verifies an access token the way any component outside Spring would: plain Nimbus, with the key set
 * fetched from identity's {@code /.well-known/jwks.json} over HTTP, RS256 only, the expected issuer, and
 * every claim SPEC §1 names required.
 */
public final class JwksVerifier {

    private JwksVerifier() {
    }

    public static JWKSet fetchJwks(IdentityClient identity) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(identity.baseUri() + "/.well-known/jwks.json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + response.statusCode());
            }
            return JWKSet.parse(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("could not fetch the JWKS", e);
        }
    }

    /** The verified claims; throws if the signature, issuer, lifetime or claim set is wrong. */
    public static JWTClaimsSet verify(IdentityClient identity, String accessToken) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(fetchJwks(identity))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(IdentityClient.ISSUER).build(),
                Set.of("sub", "scope", "iat", "exp", "jti")));
        return processor.process(accessToken, null);
    }

    public static String kidOf(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getHeader().getKeyID();
    }
}

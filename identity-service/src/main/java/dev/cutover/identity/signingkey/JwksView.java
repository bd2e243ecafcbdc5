package dev.cutover.identity.signingkey;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The JSON Web Key Set (RFC 7517) as served: public RSA keys only. */
@ApiResource
@Schema(name = "Jwks")
record JwksView(List<Jwk> keys) {

    /** A public JSON Web Key; the private members never leave {@link KeyRing}. */
    @ApiResource
    @Schema(name = "Jwk")
    record Jwk(String kty, String kid, String use, String alg, String n, String e) {
    }

    static JwksView of(JWKSet set) {
        return new JwksView(set.getKeys().stream().map(JwksView::publicPart).toList());
    }

    private static Jwk publicPart(JWK key) {
        RSAKey rsa = key.toRSAKey();
        return new Jwk("RSA", rsa.getKeyID(), "sig", "RS256", rsa.getModulus().toString(), rsa.getPublicExponent().toString());
    }
}

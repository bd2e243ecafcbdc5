package dev.cutover.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.auth.TokenClaims;
import dev.cutover.identity.signingkey.KeyRing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints access tokens per SPEC §1: JWS RS256 with the signing key's {@code kid}; claims {@code iss} (the
 * suite's configured issuer, the same property every verifier reads), {@code sub}, {@code scope},
 * {@code iat}, {@code exp} (15 minutes on), {@code jti}.
 */
@Component
class AccessTokens {

    private final KeyRing keyRing;
    private final Clock clock;
    private final String issuer;

    AccessTokens(KeyRing keyRing, Clock clock,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        this.keyRing = keyRing;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** Space-separated scope values in a stable order. */
    static String scopeClaim(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::value).collect(Collectors.joining(" "));
    }

    String issue(String subject, Set<Scope> scopes) {
        RSAKey key = keyRing.signingKey();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim(TokenClaims.SCOPE, scopeClaim(scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TokenClaims.ACCESS_TOKEN_TTL)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException failed) {
            throw new IllegalStateException("signing an access token failed", failed);
        }
        return jwt.serialize();
    }

    static int expiresInSeconds() {
        return (int) TokenClaims.ACCESS_TOKEN_TTL.toSeconds();
    }
}

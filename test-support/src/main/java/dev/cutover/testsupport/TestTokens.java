package dev.cutover.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.auth.TokenClaims;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints RS256 access tokens shaped like identity's, signed with a key pair of the test run, whose
 * public half {@link JwksServer} publishes. {@link #forged} signs with a key nobody published.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.cutover.test";

    private static final RSAKey SIGNING_KEY = generate("test-key-1");
    private static final RSAKey FORGER_KEY = generate("test-key-1");

    private TestTokens() {
    }

    /**
     * A user token, reused while it has more than ten minutes to live: RSA signing costs milliseconds,
     * which would otherwise dominate load tests.
     */
    public static String user(String userId) {
        return cached(userId, Scope.USER);
    }

    public static String ops() {
        return cached("ops-console", Scope.OPS);
    }

    public static String service() {
        return cached("payments-service", Scope.SERVICE);
    }

    private static String cached(String subject, Scope scope) {
        Instant now = Instant.now();
        Minted minted = CACHE.compute(subject + " " + scope.value(), (key, current) ->
                current != null && current.expiresAt().isAfter(now.plus(Duration.ofMinutes(10)))
                        ? current
                        : new Minted(mint(subject, scope), now.plus(TokenClaims.ACCESS_TOKEN_TTL)));
        return minted.token();
    }

    private record Minted(String token, Instant expiresAt) {
    }

    private static final java.util.Map<String, Minted> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    public static String mint(String subject, Scope... scopes) {
        Instant now = Instant.now();
        return sign(SIGNING_KEY, claims(subject, ISSUER, now, now.plus(TokenClaims.ACCESS_TOKEN_TTL), scopes));
    }

    /** A token that expired a while ago (beyond any clock-skew allowance). */
    public static String expired(String subject, Scope... scopes) {
        Instant issued = Instant.now().minus(Duration.ofHours(1));
        return sign(SIGNING_KEY, claims(subject, ISSUER, issued, issued.plus(TokenClaims.ACCESS_TOKEN_TTL), scopes));
    }

    /** A well-formed token with the published kid, signed by a key that is not the published one. */
    public static String forged(String subject, Scope... scopes) {
        Instant now = Instant.now();
        return sign(FORGER_KEY, claims(subject, ISSUER, now, now.plus(TokenClaims.ACCESS_TOKEN_TTL), scopes));
    }

    /** A correctly signed token from an issuer the services do not trust. */
    public static String foreignIssuer(String subject, Scope... scopes) {
        Instant now = Instant.now();
        return sign(SIGNING_KEY, claims(subject, "https://someone-else.test", now, now.plus(TokenClaims.ACCESS_TOKEN_TTL), scopes));
    }

    /** The JWKS document with the public key, as identity would publish it. */
    public static String jwksJson() {
        return new JWKSet(SIGNING_KEY.toPublicJWK()).toString();
    }

    private static JWTClaimsSet claims(String subject, String issuer, Instant issuedAt, Instant expiresAt, Scope... scopes) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim(TokenClaims.SCOPE, Arrays.stream(scopes).map(Scope::value).collect(Collectors.joining(" ")))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token signed by {@code key} (its kid in the header) for {@code subject}, this run's issuer, valid 15 minutes:
     * for tests of verifiers that trust several key sets.
     */
    public static String signedBy(RSAKey key, String subject) {
        Instant now = Instant.now();
        return sign(key, claims(subject, ISSUER, now, now.plus(java.time.Duration.ofMinutes(15)), Scope.USER));
    }

    /** A new RSA key pair named {@code kid}. */
    public static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.cutover.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.SignedUp;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.identity.support.JwksVerifier;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The three grants of SPEC §2, and tokens per SPEC §1 that verify against identity's JWKS with plain Nimbus. */
@IdentityIntegrationTest
class TokenGrantsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IdentityClient identity;

    @BeforeEach
    void connect() {
        identity = new IdentityClient(port);
    }

    @Test
    void aPasswordGrantIssuesAnAccessTokenThatVerifiesAgainstTheJwks() throws Exception {
        IdentityClient.UserSpec spec = IdentityClient.user();
        String userId = identity.signUp(spec).then().statusCode(201).extract().path("id");

        Response response = identity.passwordGrant(spec.email().toUpperCase(Locale.ROOT), spec.password());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.jsonPath().getString("token_type")).isEqualTo("Bearer");
        assertThat(response.jsonPath().getInt("expires_in")).isEqualTo(900);
        assertThat(response.jsonPath().getString("scope")).isEqualTo("user");
        assertThat(response.jsonPath().getString("refresh_token")).startsWith("rt_");
        String accessToken = response.jsonPath().getString("access_token");

        JWTClaimsSet claims = JwksVerifier.verify(identity, accessToken);
        assertThat(claims.getIssuer()).isEqualTo(IdentityClient.ISSUER);
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringClaim("scope")).isEqualTo("user");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet jwks = JwksVerifier.fetchJwks(identity);
        assertThat(jwks.getKeyByKeyId(jwt.getHeader().getKeyID())).as("the kid is published").isNotNull();
        assertThat(jwks.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).as("no private key material").isFalse());

        assertThat(identity.as(accessToken).get("/api/v1/users/me").then().statusCode(200).extract().<String>path("id"))
                .isEqualTo(userId);
    }

    @Test
    void aPasswordGrantWorksFormEncodedToo() {
        IdentityClient.UserSpec spec = IdentityClient.user();
        identity.signUp(spec).then().statusCode(201);

        Response response = identity.anonymous().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("email", spec.email()).formParam("password", spec.password())
                .post("/api/v1/auth/token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("access_token")).isNotBlank();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreIndistinguishable() {
        SignedUp user = identity.newUser();

        Response wrongPassword = identity.passwordGrant(user.email(), "not the password at all");
        Response unknownUser = identity.passwordGrant("nobody-" + user.email(), "not the password at all");

        assertProblem(wrongPassword, 401, "invalid_grant", null);
        assertProblem(unknownUser, 401, "invalid_grant", null);
        assertThat(wrongPassword.asString()).isEqualTo(unknownUser.asString());
        assertThat(wrongPassword.getHeaders().asList().stream().map(h -> h.getName()).filter(n -> !n.equalsIgnoreCase("Date")
                && !n.equalsIgnoreCase("X-Request-Id")).toList())
                .isEqualTo(unknownUser.getHeaders().asList().stream().map(h -> h.getName()).filter(n -> !n.equalsIgnoreCase("Date")
                        && !n.equalsIgnoreCase("X-Request-Id")).toList());
    }

    @Test
    void aRefreshTokenRotatesAndIsSingleUse() throws Exception {
        SignedUp user = identity.newUser();

        Response refreshed = identity.refreshGrant(user.refreshToken());

        assertThat(refreshed.statusCode()).isEqualTo(200);
        String next = refreshed.jsonPath().getString("refresh_token");
        assertThat(next).startsWith("rt_").isNotEqualTo(user.refreshToken());
        assertThat(refreshed.jsonPath().getString("scope")).isEqualTo("user");
        assertThat(JwksVerifier.verify(identity, refreshed.jsonPath().getString("access_token")).getSubject()).isEqualTo(user.id());
        assertThat(identity.refreshGrant(next).statusCode()).as("the new one works once").isEqualTo(200);
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() {
        SignedUp user = identity.newUser();
        String second = identity.refreshGrant(user.refreshToken()).then().statusCode(200).extract().path("refresh_token");
        SignedUp otherSession = new SignedUp(user.id(), user.email(), user.password(), null,
                identity.passwordGrant(user.email(), user.password()).then().statusCode(200).extract().path("refresh_token"));

        Response reuse = identity.refreshGrant(user.refreshToken());

        assertProblem(reuse, 401, "invalid_grant", null);
        assertProblem(identity.refreshGrant(second), 401, "invalid_grant", null);
        assertThat(jdbc.sql("""
                SELECT f.revoked_reason FROM refresh_token_families f JOIN refresh_tokens t ON t.family_id = f.id
                WHERE t.token_hash = :hash""").param("hash", sha256(second)).query(String.class).single())
                .isEqualTo("reuse_detected");
        assertThat(identity.refreshGrant(otherSession.refreshToken()).statusCode())
                .as("another sign-in of the same user is another family").isEqualTo(200);
    }

    @Test
    void aPasswordHashMadeWithWeakerParametersIsUpgradedAtSignIn() {
        SignedUp user = identity.newUser();
        String weak = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 64, 1).encode(user.password());
        jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id").param("hash", weak).param("id", user.id()).update();

        identity.passwordGrant(user.email(), user.password()).then().statusCode(200);

        String stored = jdbc.sql("SELECT password_hash FROM users WHERE id = :id").param("id", user.id()).query(String.class).single();
        assertThat(stored).startsWith("{argon2}$argon2id$").contains("m=256,t=1,p=1").isNotEqualTo(weak);
        assertThat(identity.passwordGrant(user.email(), user.password()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRefreshTokensAreInvalidGrants() {
        assertProblem(identity.refreshGrant("rt_not-a-token-we-issued"), 401, "invalid_grant", null);
        assertProblem(identity.refreshGrant("x"), 401, "invalid_grant", null);
    }

    @Test
    void refreshTokensAreStoredOnlyAsTheirHash() {
        SignedUp user = identity.newUser();

        long byHash = jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = :hash")
                .param("hash", sha256(user.refreshToken())).query(Long.class).single();
        long plaintext = jdbc.sql("SELECT count(*) FROM refresh_tokens t WHERE t::text LIKE :token")
                .param("token", "%" + user.refreshToken().substring(3) + "%").query(Long.class).single();

        assertThat(byHash).isEqualTo(1);
        assertThat(plaintext).isZero();
    }

    @Test
    void clientCredentialsIssueOpsAndServiceTokensWithoutRefreshToken() throws Exception {
        Response ops = identity.clientGrant(IdentityClient.OPS_CLIENT, IdentityClient.OPS_SECRET);
        Response service = identity.clientGrant(IdentityClient.SERVICE_CLIENT, IdentityClient.SERVICE_SECRET);

        assertThat(ops.statusCode()).isEqualTo(200);
        assertThat(ops.jsonPath().getMap("")).doesNotContainKey("refresh_token");
        assertThat(ops.jsonPath().getString("scope")).isEqualTo("ops");
        JWTClaimsSet opsClaims = JwksVerifier.verify(identity, ops.jsonPath().getString("access_token"));
        assertThat(opsClaims.getSubject()).isEqualTo(IdentityClient.OPS_CLIENT);
        assertThat(opsClaims.getStringClaim("scope")).isEqualTo("ops");

        assertThat(service.jsonPath().getMap("")).doesNotContainKey("refresh_token");
        assertThat(JwksVerifier.verify(identity, service.jsonPath().getString("access_token")).getStringClaim("scope"))
                .isEqualTo("service");
    }

    @Test
    void aWrongClientSecretAndAnUnknownClientAreIndistinguishable() {
        Response wrongSecret = identity.clientGrant(IdentityClient.OPS_CLIENT, "not-the-secret");
        Response unknown = identity.clientGrant("no-such-client", "not-the-secret");

        assertProblem(wrongSecret, 401, "invalid_grant", null);
        assertThat(wrongSecret.asString()).isEqualTo(unknown.asString());
    }

    @Test
    void aClientMayNarrowButNotWidenItsScopes() {
        assertThat(identity.token(Map.of("grant_type", "client_credentials", "client_id", IdentityClient.OPS_CLIENT,
                "client_secret", IdentityClient.OPS_SECRET, "scope", "ops")).jsonPath().getString("scope")).isEqualTo("ops");
        assertProblem(identity.token(Map.of("grant_type", "client_credentials", "client_id", IdentityClient.OPS_CLIENT,
                "client_secret", IdentityClient.OPS_SECRET, "scope", "service")), 400, "validation_failed", "scope");
        SignedUp user = identity.newUser();
        assertProblem(identity.token(Map.of("grant_type", "password", "email", user.email(), "password", user.password(),
                "scope", "ops")), 400, "validation_failed", "scope");
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of(Map.of("grant_type", "password", "email", "a@example.com"), "password"),
                Arguments.of(Map.of("grant_type", "password", "password", "x"), "email"),
                Arguments.of(Map.of("grant_type", "password", "email", "a@example.com", "password", "x", "client_id", "c"), "client_id"),
                Arguments.of(Map.of("grant_type", "refresh_token"), "refresh_token"),
                Arguments.of(Map.of("grant_type", "refresh_token", "refresh_token", "rt_x", "password", "x"), "password"),
                Arguments.of(Map.of("grant_type", "client_credentials", "client_id", "c"), "client_secret"),
                Arguments.of(Map.of("grant_type", "client_credentials", "client_id", "c", "client_secret", "s", "email", "e"), "email"),
                Arguments.of(Map.of("grant_type", "authorization_code", "code", "x"), "grant_type"),
                Arguments.of(Map.of("email", "a@example.com", "password", "x"), "grant_type"),
                Arguments.of(Map.of("grant_type", "password", "email", "a@example.com", "password", "x", "username", "a"), "username"),
                Arguments.of(Map.of("grant_type", "password", "email", "a@example.com", "password", 12345), "password"));
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @MethodSource("malformedRequests")
    void malformedRequestsAreBadRequestsNotInvalidGrants(Map<String, ?> body, String field) {
        assertProblem(identity.token(body), 400, "validation_failed", field);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

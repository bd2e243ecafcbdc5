package dev.cutover.identity.sync;

import dev.cutover.identity.IdentityApplication;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityTestConfiguration;
import dev.cutover.testsupport.JwksServer;
import dev.cutover.testsupport.LegacyMonolith;
import dev.cutover.testsupport.LogicalPostgres;
import dev.cutover.testsupport.PostgresTestConfiguration;
import dev.cutover.testsupport.TestDatabase;
import dev.cutover.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity data moving both ways between the real legacy monolith and this service (ADR 66), on a Postgres cluster
 * with logical decoding: a customer who signed up on either side signs in on the other with the same password and
 * reads the same account, KYC record and verification there, byte for byte, though each side seals personal data
 * under its own keys and writes password hashes in its own notation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=" + IdentityApplication.CONFIG_NAME,
    "cutover.identity.sync.enabled=true"
})
@ActiveProfiles("test")
@Import({LegacyIdentitySyncIT.BothSides.class, IdentityTestConfiguration.class})
class LegacyIdentitySyncIT {

    private static final Duration SYNCED_WITHIN = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";

    @TestConfiguration(proxyBeanMethods = false)
    static class BothSides {

        static final String LEGACY_PII_KEY = randomKey();
        static final TestDatabase OWN = LogicalPostgres.database();
        static final LegacyMonolith LEGACY = LegacyMonolith.start(OWN, Map.of(
                "JWT_ISSUER", TestTokens.ISSUER, "JWT_TRUSTED_JWKS_URIS", JwksServer.uri(), "LEGACY_PII_KEY", LEGACY_PII_KEY));
        /** A customer who signed up and passed KYC on legacy before the sync began: the backfill's to copy. */
        static final Seeded BEFORE_SYNC = verifiedOnLegacy();

        @Bean
        JdbcConnectionDetails ownDatabase() {
            return PostgresTestConfiguration.connectionTo(OWN);
        }

        @Bean
        DynamicPropertyRegistrar legacyDatabase() {
            return registry -> {
                registry.add("cutover.identity.sync.legacy.url", LEGACY.database()::jdbcUrl);
                registry.add("cutover.identity.sync.legacy.user", LEGACY.database()::username);
                registry.add("cutover.identity.sync.legacy.password", LEGACY.database()::password);
                registry.add("cutover.identity.sync.legacy-pii-key", () -> LEGACY_PII_KEY);
                registry.add("cutover.identity.sync.slot-prefix", () -> "i_" + OWN.name());
            };
        }

        private static String randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }
    }

    record Seeded(String user, String email, String kycRecord, String verification) {
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopLegacy() {
        BothSides.LEGACY.close();
    }

    @Test
    void aCustomerOfLegacySignsInHereWithTheSamePasswordAndTheNewHashReachesLegacy() {
        Seeded seeded = BothSides.BEFORE_SYNC;
        assertThat(legacyHash(seeded.user())).startsWith("pbkdf2_sha256$");

        String token = Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> identity().passwordGrant(seeded.email(), PASSWORD), r -> r.statusCode() == 200)
                .path("access_token");
        assertThat(identity().kycStatus(seeded.user())).isEqualTo("verified");
        for (String path : new String[] {"/api/v1/users/me", "/api/v1/kyc-records/" + seeded.kycRecord(),
                "/api/v1/verifications/" + seeded.verification()}) {
            String onLegacy = legacy(TestTokens.user(seeded.user())).get(path).then().statusCode(200).extract().asString();
            assertThat(identity().as(token).get(path).then().statusCode(200).extract().asString()).as(path).isEqualTo(onLegacy);
        }

        // the sign-in here replaced the Django PBKDF2 hash by an Argon2id one, which reaches legacy in Django's notation
        assertThat(scalarText(BothSides.OWN, "SELECT password_hash FROM identity.users WHERE id = '" + seeded.user() + "'"))
                .startsWith("{argon2}$argon2id$");
        Awaitility.await().atMost(SYNCED_WITHIN).until(() -> legacyHash(seeded.user()).startsWith("argon2$argon2id$"));
        legacyToken(seeded.email(), PASSWORD).then().statusCode(200);
        legacyToken(seeded.email(), "not the password").then().statusCode(401);
    }

    @Test
    void aCustomerWhoSignsUpHereReadsTheSameOnLegacyAndSignsInThere() {
        IdentityClient.UserSpec spec = IdentityClient.user();
        IdentityClient.SignedUp user = identity().newUser(spec);
        String record = identity().kycRecord(user.accessToken(), IdentityClient.kyc());
        String verification = identity().verification(user.accessToken(), record);
        identity().decide(identity().opsToken(), verification, "approved", "documents match").then().statusCode(200);

        String onIdentity = identity().as(user.accessToken()).get("/api/v1/users/me").then().statusCode(200)
                .extract().asString();
        assertThat(onIdentity).contains("\"kyc_status\":\"verified\"").contains(spec.fullName());
        assertThat(awaitSame(legacy(TestTokens.user(user.id())), "/api/v1/users/me", onIdentity)).isEqualTo(onIdentity);
        for (String path : new String[] {"/api/v1/kyc-records/" + record, "/api/v1/verifications/" + verification}) {
            String here = identity().as(user.accessToken()).get(path).then().statusCode(200).extract().asString();
            assertThat(awaitSame(legacy(TestTokens.user(user.id())), path, here)).as(path).isEqualTo(here);
        }
        String legacyAccess = legacyToken(user.email(), user.password()).then().statusCode(200).extract().path("access_token");
        legacy(legacyAccess).get("/api/v1/users/me").then().statusCode(200);
        assertThat(scalarText(BothSides.LEGACY.database(), "SELECT full_name FROM identity_user WHERE id = '" + user.id() + "'"))
                .as("sealed under the monolith's key, never in the clear").startsWith("v1:").doesNotContain(spec.fullName());
    }

    @Test
    void anErasureHereErasesThePersonalDataOnLegacy() {
        IdentityClient.SignedUp user = identity().newUser();
        String record = identity().kycRecord(user.accessToken(), IdentityClient.kyc());
        Awaitility.await().atMost(SYNCED_WITHIN).until(() -> legacy(TestTokens.user(user.id()))
                .get("/api/v1/kyc-records/" + record).statusCode() == 200);

        identity().asOps().delete("/api/v1/users/{id}/pii", user.id()).then().statusCode(org.hamcrest.Matchers.lessThan(300));

        Awaitility.await().atMost(SYNCED_WITHIN).until(() -> scalarText(BothSides.LEGACY.database(),
                "SELECT coalesce(full_name, '') || coalesce(date_of_birth, '') || (pii_erased_at IS NOT NULL)::text"
                        + " FROM identity_user WHERE id = '" + user.id() + "'").equals("true"));
        assertThat(scalarText(BothSides.LEGACY.database(), "SELECT (document_number IS NULL AND pii_erased_at IS NOT NULL)::text"
                + " FROM identity_kyc_record WHERE id = '" + record + "'")).isEqualTo("true");
    }

    @Test
    void reconciliationFindsBothSidesEqualAndNamesTheUserThatIsNot() throws SQLException {
        IdentityClient.SignedUp user = identity().newUser();
        Awaitility.await().atMost(SYNCED_WITHIN).until(() -> reconciliation().getLong("mismatches") == 0);

        try (Connection connection = BothSides.LEGACY.database().connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL cutover.sync_origin = 'identity'"); // unseen by the streams, as an echo
                statement.execute("UPDATE identity_user SET country = 'FR' WHERE id = '" + user.id() + "'");
            }
            connection.commit();
        }
        JsonPath report = reconciliation();
        assertThat(report.getLong("mismatches")).isEqualTo(1);
        assertThat(report.getList("resources.find { it.resource == 'users' }.listed", Map.class))
                .containsExactly(Map.of("id", user.id(), "kind", "different"));
        identity().as(user.accessToken()).get("/internal/v1/sync/reconciliation").then().statusCode(403);
    }

    // ─── the two sides ───

    private IdentityClient identity() {
        return new IdentityClient(port);
    }

    private JsonPath reconciliation() {
        return identity().asOps().get("/internal/v1/sync/reconciliation").then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification legacy(String token) {
        return RestAssured.given().baseUri(BothSides.LEGACY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static Response legacyToken(String email, String password) {
        return RestAssured.given().baseUri(BothSides.LEGACY.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("grant_type", "password", "email", email, "password", password)).post("/api/v1/auth/token");
    }

    private static String legacyHash(String user) {
        return scalarText(BothSides.LEGACY.database(), "SELECT password FROM identity_user WHERE id = '" + user + "'");
    }

    /** A customer who signed up and passed KYC on legacy. */
    private static Seeded verifiedOnLegacy() {
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        String user = RestAssured.given().baseUri(BothSides.LEGACY.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "full_name", "Ada Lovelace", "country", "GB",
                        "date_of_birth", "1990-12-10"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        String record = legacy(TestTokens.user(user)).body(IdentityClient.kyc().body()).post("/api/v1/kyc-records")
                .then().statusCode(201).extract().path("id");
        String verification = legacy(TestTokens.user(user)).body(Map.of("kyc_record_id", record)).post("/api/v1/verifications")
                .then().statusCode(201).extract().path("id");
        legacy(TestTokens.ops()).body(Map.of("decision", "approved", "reason", "checked by the sync test"))
                .post("/api/v1/verifications/{id}/decision", verification).then().statusCode(200);
        return new Seeded(user, email, record, verification);
    }

    private static String awaitSame(RequestSpecification side, String path, String expected) {
        try {
            return Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> side.get(path).then().extract().asString(), expected::equals);
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            Response last = side.get(path);
            return last.statusCode() + " " + last.asString();
        }
    }

    private static String scalarText(TestDatabase database, String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

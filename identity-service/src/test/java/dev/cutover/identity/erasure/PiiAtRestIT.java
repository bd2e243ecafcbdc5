package dev.cutover.identity.erasure;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.identity.crypto.AesGcm;
import dev.cutover.identity.crypto.MasterKey;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.KycSpec;
import dev.cutover.identity.support.IdentityClient.SignedUp;
import dev.cutover.identity.support.IdentityClient.UserSpec;
import dev.cutover.identity.support.IdentityIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Personal data is ciphertext in every stored row, and an erasure destroys it for good: the data key
 * goes, so not even the master key opens what was sealed under it. Rows, statuses and the audit trail stay.
 */
@IdentityIntegrationTest
class PiiAtRestIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MasterKey masterKey;

    IdentityClient identity;

    @BeforeEach
    void connect() {
        identity = new IdentityClient(port);
    }

    /** A user with a verified KYC record, made with Idempotency-Keys so that table is searched too. */
    private record Subject(UserSpec spec, SignedUp user, KycSpec kyc, String kycId, String verificationId) {
    }

    private Subject verifiedUser() {
        UserSpec spec = IdentityClient.user();
        identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString()).body(spec.body())
                .post("/api/v1/users").then().statusCode(201);
        String access = identity.passwordGrant(spec.email(), spec.password()).then().statusCode(200).extract().path("access_token");
        String id = identity.as(access).get("/api/v1/users/me").then().statusCode(200).extract().path("id");
        SignedUp user = new SignedUp(id, spec.email(), spec.password(), access, null);
        KycSpec kyc = IdentityClient.kyc().documentNumber("PX-" + (10_000_000 + (int) (Math.random() * 80_000_000)));
        String kycId = identity.as(access).header(CutoverHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .body(kyc.body()).post("/api/v1/kyc-records").then().statusCode(201).extract().path("id");
        String verificationId = identity.as(access).header(CutoverHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .body(Map.of("kyc_record_id", kycId)).post("/api/v1/verifications").then().statusCode(201).extract().path("id");
        identity.decide(identity.opsToken(), verificationId, "approved", "document checked").then().statusCode(200);
        return new Subject(spec, user, kyc, kycId, verificationId);
    }

    @Test
    void noStoredRowOfAnyTableContainsPersonalDataInTheClear() {
        Subject subject = verifiedUser();
        List<String> secrets = List.of(subject.spec().fullName(), subject.spec().dateOfBirth(), subject.kyc().documentNumber(),
                subject.kyc().documentNumber().replace("-", ""), subject.spec().password());

        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'identity' AND table_type = 'BASE TABLE'""").query(String.class).list();
        assertThat(tables).contains("users", "kyc_records", "verifications", "data_keys", "idempotency_keys", "audit_events");

        for (String table : tables) {
            List<String> rows = jdbc.sql("SELECT t::text FROM identity." + table + " t").query(String.class).list();
            for (String row : rows) {
                String lower = row.toLowerCase(Locale.ROOT);
                for (String secret : secrets) {
                    assertThat(lower).as("a row of %s", table).doesNotContain(secret.toLowerCase(Locale.ROOT));
                    assertThat(lower).as("a bytea of %s", table)
                            .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }

        // ...and yet the ciphertexts are the data: they open with the user's data key, which opens with the master key.
        SecretKey dataKey = dataKeyOf(subject.user().id());
        byte[] name = jdbc.sql("SELECT full_name_enc FROM users WHERE id = :id").param("id", subject.user().id()).query(byte[].class).single();
        assertThat(new String(AesGcm.open(dataKey, name, "cutover.identity|users.full_name|" + subject.user().id() + "|" + subject.user().id()),
                StandardCharsets.UTF_8)).isEqualTo(subject.spec().fullName());
        byte[] number = jdbc.sql("SELECT document_number_enc FROM kyc_records WHERE id = :id").param("id", subject.kycId()).query(byte[].class).single();
        assertThat(new String(AesGcm.open(dataKey, number, "cutover.identity|kyc_records.document_number|" + subject.user().id() + "|" + subject.kycId()),
                StandardCharsets.UTF_8)).isEqualTo(subject.kyc().documentNumber());
    }

    @Test
    void responsesShowTheDocumentNumberOnlyMasked() {
        Subject subject = verifiedUser();

        String body = identity.as(subject.user().accessToken()).get("/api/v1/kyc-records/{id}", subject.kycId()).asString();

        String digits = subject.kyc().documentNumber().replace("-", "");
        assertThat(body).contains("\"document_number_masked\":\"*****" + digits.substring(digits.length() - 4) + "\"")
                .doesNotContain(subject.kyc().documentNumber()).doesNotContain(digits);
    }

    @Test
    void erasureMakesThePersonalDataUnrecoverableEvenWithTheMasterKey() {
        Subject subject = verifiedUser();
        String userId = subject.user().id();
        byte[] nameBefore = jdbc.sql("SELECT full_name_enc FROM users WHERE id = :id").param("id", userId).query(byte[].class).single();
        byte[] numberBefore = jdbc.sql("SELECT document_number_enc FROM kyc_records WHERE id = :id").param("id", subject.kycId())
                .query(byte[].class).single();

        identity.as(subject.user().accessToken()).delete("/api/v1/users/{id}/pii", userId).then().statusCode(204);

        // The ciphertexts are gone from the rows, and so is the key that opened any copy of them.
        Map<String, Object> user = jdbc.sql("SELECT full_name_enc, date_of_birth_enc, pii_erased_at, kyc_status FROM users WHERE id = :id")
                .param("id", userId).query().singleRow();
        assertThat(user.get("full_name_enc")).isNull();
        assertThat(user.get("date_of_birth_enc")).isNull();
        assertThat(user.get("pii_erased_at")).isNotNull();
        assertThat(user.get("kyc_status")).as("the status stays").isEqualTo("verified");
        assertThat(jdbc.sql("SELECT count(*) FROM data_keys WHERE user_id = :id").param("id", userId).query(Long.class).single()).isZero();

        // Whoever kept a copy of the ciphertexts, and holds the master key, can open them with no key left in the database.
        for (SecretKey anyKey : everyDataKeyLeft()) {
            assertThatThrownBy(() -> AesGcm.open(anyKey, nameBefore, "cutover.identity|users.full_name|" + userId + "|" + userId))
                    .isInstanceOf(AesGcm.CannotDecrypt.class);
            assertThatThrownBy(() -> AesGcm.open(anyKey, numberBefore,
                    "cutover.identity|kyc_records.document_number|" + userId + "|" + subject.kycId()))
                    .isInstanceOf(AesGcm.CannotDecrypt.class);
        }

        // The API shows the user, the record and the verification with their statuses, the personal data as null.
        String ops = identity.opsToken();
        Map<String, Object> shown = identity.as(ops).get("/api/v1/users/{id}", userId).then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(shown).containsEntry("full_name", null).containsEntry("kyc_status", "verified").containsEntry("email", subject.spec().email());
        Map<String, Object> record = identity.as(ops).get("/api/v1/kyc-records/{id}", subject.kycId()).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(record).containsEntry("document_number_masked", null).containsEntry("status", "verified");
        assertThat(identity.as(ops).get("/api/v1/verifications/{id}", subject.verificationId()).then().statusCode(200)
                .extract().<String>path("status")).isEqualTo("approved");
        assertThat(identity.kycStatus(userId)).isEqualTo("verified");
    }

    @Test
    void erasureIsIdempotentAndAuditedOnce() {
        Subject subject = verifiedUser();
        String userId = subject.user().id();

        identity.as(subject.user().accessToken()).delete("/api/v1/users/{id}/pii", userId).then().statusCode(204);
        identity.as(subject.user().accessToken()).delete("/api/v1/users/{id}/pii", userId).then().statusCode(204);
        identity.asOps().delete("/api/v1/users/{id}/pii", userId).then().statusCode(204);

        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'pii.erased' AND subject_id = :id")
                .param("id", userId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE subject_id IN (:ids)")
                .param("ids", List.of(userId, subject.kycId(), subject.verificationId())).query(Long.class).single())
                .as("the trail of sign-up, submission, verification and decision stays").isGreaterThanOrEqualTo(5);
        assertThat(identity.passwordGrant(subject.spec().email(), subject.spec().password()).statusCode())
                .as("the account itself stays usable").isEqualTo(200);
    }

    @Test
    void opsMayEraseAnyUserAndAUserOnlyThemselves() {
        Subject subject = verifiedUser();
        SignedUp other = identity.newUser();

        assertProblem(identity.as(other.accessToken()).delete("/api/v1/users/{id}/pii", subject.user().id()), 404, "not_found", null);
        assertProblem(identity.asService().delete("/api/v1/users/{id}/pii", subject.user().id()), 403, "forbidden", null);
        assertThat(identity.as(subject.user().accessToken()).get("/api/v1/users/me").then().extract().<String>path("full_name"))
                .as("nothing was erased by the refused calls").isEqualTo(subject.spec().fullName());

        identity.asOps().delete("/api/v1/users/{id}/pii", subject.user().id()).then().statusCode(204);
        assertProblem(identity.asOps().delete("/api/v1/users/{id}/pii", "usr_doesnotexist"), 404, "not_found", null);
    }

    @Test
    void theAuditTrailRefusesChanges() {
        verifiedUser();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_events SET actor = 'someone else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_events").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aUserMaySubmitANewDocumentAfterErasure() {
        Subject subject = verifiedUser();
        identity.as(subject.user().accessToken()).delete("/api/v1/users/{id}/pii", subject.user().id()).then().statusCode(204);

        String kycId = identity.kycRecord(subject.user().accessToken(), IdentityClient.kyc());

        assertThat(identity.as(subject.user().accessToken()).get("/api/v1/kyc-records/{id}", kycId).then().statusCode(200)
                .extract().<String>path("document_number_masked")).startsWith("*****");
    }

    private SecretKey dataKeyOf(String userId) {
        byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM data_keys WHERE user_id = :id").param("id", userId).query(byte[].class).single();
        return AesGcm.key(masterKey.open(wrapped, "cutover.identity|data_keys|" + userId));
    }

    private List<SecretKey> everyDataKeyLeft() {
        List<SecretKey> keys = new ArrayList<>();
        jdbc.sql("SELECT user_id, wrapped_key FROM data_keys").query((rs, row) -> {
            keys.add(AesGcm.key(masterKey.open(rs.getBytes(2), "cutover.identity|data_keys|" + rs.getString(1))));
            return null;
        }).list();
        assertThat(keys).as("other users' keys exist and open with the master key").isNotEmpty();
        return keys;
    }
}

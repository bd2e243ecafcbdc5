package dev.cutover.identity.verification;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.SignedUp;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verification state machine over HTTP: only {@code pending → approved | rejected}; the user's
 * {@code kyc_status} follows {@code unverified → pending → verified | rejected} and back to {@code pending}.
 */
@IdentityIntegrationTest
class VerificationFlowIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IdentityClient identity;
    String ops;

    @BeforeEach
    void connect() {
        identity = new IdentityClient(port);
        ops = identity.opsToken();
    }

    @Test
    void anApprovedVerificationMakesTheUserVerified() {
        SignedUp user = identity.newUser();
        assertThat(identity.kycStatus(user.id())).isEqualTo("unverified");
        String kycId = identity.kycRecord(user.accessToken(), IdentityClient.kyc());

        Response requested = identity.requestVerification(user.accessToken(), kycId);

        assertThat(requested.statusCode()).isEqualTo(201);
        assertThat(requested.jsonPath().getMap("")).containsEntry("status", "pending").containsEntry("kyc_record_id", kycId)
                .containsEntry("user_id", user.id()).containsEntry("decided_at", null).containsEntry("reason", null);
        assertThat(identity.kycStatus(user.id())).isEqualTo("pending");
        assertThat(recordStatus(user, kycId)).isEqualTo("pending");

        Response decided = identity.decide(ops, requested.jsonPath().getString("id"), "approved", "passport matches");

        assertThat(decided.statusCode()).isEqualTo(200);
        assertThat(decided.jsonPath().getString("status")).isEqualTo("approved");
        assertThat(decided.jsonPath().getString("reason")).isEqualTo("passport matches");
        assertThat(decided.jsonPath().getString("decided_at")).isNotNull();
        assertThat(identity.kycStatus(user.id())).isEqualTo("verified");
        assertThat(recordStatus(user, kycId)).isEqualTo("verified");
        assertThat(identity.as(user.accessToken()).get("/api/v1/users/me").then().extract().<String>path("kyc_status")).isEqualTo("verified");
    }

    @Test
    void aRejectedUserGoesBackToPendingWithANewDocumentAndCanThenBeVerified() {
        SignedUp user = identity.newUser();
        String first = identity.verification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));
        identity.decide(ops, first, "rejected", "photo unreadable").then().statusCode(200);
        assertThat(identity.kycStatus(user.id())).isEqualTo("rejected");

        String secondRecord = identity.kycRecord(user.accessToken(), IdentityClient.kyc().documentType("national_id"));
        String second = identity.verification(user.accessToken(), secondRecord);
        assertThat(identity.kycStatus(user.id())).isEqualTo("pending");

        identity.decide(ops, second, "approved", "clear now").then().statusCode(200);
        assertThat(identity.kycStatus(user.id())).isEqualTo("verified");
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"approved,approved", "approved,rejected", "rejected,approved", "rejected,rejected"})
    void aDecidedVerificationCannotBeDecidedAgain(String first, String second) {
        SignedUp user = identity.newUser();
        String verification = identity.verification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));
        identity.decide(ops, verification, first, "first").then().statusCode(200);
        String statusAfterFirst = identity.kycStatus(user.id());

        assertProblem(identity.decide(ops, verification, second, "second"), 409, "invalid_state_transition", null);
        assertThat(identity.kycStatus(user.id())).isEqualTo(statusAfterFirst);
        assertThat(identity.as(ops).get("/api/v1/verifications/{id}", verification).then().extract().<String>path("reason"))
                .isEqualTo("first");
    }

    @Test
    void aPendingUserCannotAskForASecondVerification() {
        SignedUp user = identity.newUser();
        identity.verification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));

        assertProblem(identity.requestVerification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc())),
                409, "invalid_state_transition", null);
        assertThat(identity.kycStatus(user.id())).isEqualTo("pending");
    }

    @Test
    void aVerifiedUserCannotAskForAnotherVerification() {
        SignedUp user = identity.newUser();
        String verification = identity.verification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));
        identity.decide(ops, verification, "approved", "ok").then().statusCode(200);

        assertProblem(identity.requestVerification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc())),
                409, "invalid_state_transition", null);
        assertThat(identity.kycStatus(user.id())).isEqualTo("verified");
    }

    @Test
    void aRecordAlreadyDecidedCannotBeVerifiedAgain() {
        SignedUp user = identity.newUser();
        String kycId = identity.kycRecord(user.accessToken(), IdentityClient.kyc());
        identity.decide(ops, identity.verification(user.accessToken(), kycId), "rejected", "blurred").then().statusCode(200);

        assertProblem(identity.requestVerification(user.accessToken(), kycId), 409, "invalid_state_transition", null);
        assertThat(identity.kycStatus(user.id())).as("nothing changed").isEqualTo("rejected");
    }

    @Test
    void concurrentRequestsOpenOneVerification() {
        SignedUp user = identity.newUser();
        List<String> records = List.of(identity.kycRecord(user.accessToken(), IdentityClient.kyc()),
                identity.kycRecord(user.accessToken(), IdentityClient.kyc()), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));

        List<Integer> statuses = Concurrently.run(6, i -> () ->
                identity.requestVerification(user.accessToken(), records.get(i % records.size())).statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
        assertThat(jdbc.sql("SELECT count(*) FROM verifications WHERE user_id = :id").param("id", user.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anExpiredDocumentIsRefusedAtSubmission() {
        SignedUp user = identity.newUser();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);

        assertProblem(identity.submitKyc(user.accessToken(), IdentityClient.kyc().expiresOn(yesterday)), 400, "validation_failed", "expires_on");
        assertThat(identity.submitKyc(user.accessToken(), IdentityClient.kyc().expiresOn(LocalDate.now(ZoneOffset.UTC))).statusCode())
                .as("valid through today").isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"document_type=selfie", "document_number=1234", "document_number=12 -34", "document_number=12345678901234567890123456789012345678901",
        "issuing_country=gb", "issuing_country=ZZ", "expires_on=2031-02-30", "document_number=", "unknown=x"})
    void invalidKycRecordsAreRefused(String change) {
        SignedUp user = identity.newUser();
        String field = change.substring(0, change.indexOf('='));
        String value = change.substring(change.indexOf('=') + 1);

        assertProblem(identity.submitKyc(user.accessToken(), IdentityClient.kyc().with(field, value)), 400, "validation_failed", field);
    }

    @Test
    void aKycSubmissionIsIdempotentPerUserAndKey() {
        SignedUp user = identity.newUser();
        IdentityClient.KycSpec kyc = IdentityClient.kyc();
        String key = UUID.randomUUID().toString();

        Response first = identity.as(user.accessToken()).header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(kyc.body()).post("/api/v1/kyc-records");
        Response replay = identity.as(user.accessToken()).header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(kyc.body()).post("/api/v1/kyc-records");
        Response reused = identity.as(user.accessToken()).header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(IdentityClient.kyc().body()).post("/api/v1/kyc-records");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertProblem(reused, 422, "idempotency_key_reused", null);
        assertThat(jdbc.sql("SELECT count(*) FROM kyc_records WHERE user_id = :id").param("id", user.id()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aDecisionNeedsADecisionAndAReason() {
        SignedUp user = identity.newUser();
        String verification = identity.verification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));

        assertProblem(identity.as(ops).body(Map.of("decision", "maybe", "reason", "x"))
                .post("/api/v1/verifications/{id}/decision", verification), 400, "validation_failed", "decision");
        assertProblem(identity.as(ops).body(Map.of("decision", "approved"))
                .post("/api/v1/verifications/{id}/decision", verification), 400, "validation_failed", "reason");
        assertProblem(identity.as(ops).body(Map.of("decision", "approved", "reason", "r".repeat(501)))
                .post("/api/v1/verifications/{id}/decision", verification), 400, "validation_failed", "reason");
        assertProblem(identity.decide(ops, "ver_doesnotexist", "approved", "x"), 404, "not_found", null);
        assertThat(identity.kycStatus(user.id())).isEqualTo("pending");
    }

    @Test
    void theDatabaseItselfRefusesToChangeADecidedVerification() {
        SignedUp user = identity.newUser();
        String verification = identity.verification(user.accessToken(), identity.kycRecord(user.accessToken(), IdentityClient.kyc()));
        identity.decide(ops, verification, "rejected", "no").then().statusCode(200);

        assertThatThrownBy(() -> jdbc.sql("UPDATE verifications SET status = 'approved' WHERE id = :id").param("id", verification).update())
                .hasMessageContaining("already decided");
        assertThatThrownBy(() -> jdbc.sql("UPDATE verifications SET status = 'pending', decided_at = NULL, decided_by = NULL, reason = NULL WHERE id = :id")
                .param("id", verification).update())
                .hasMessageContaining("already decided");
    }

    private String recordStatus(SignedUp user, String kycId) {
        return identity.as(user.accessToken()).get("/api/v1/kyc-records/{id}", kycId).then().statusCode(200).extract().path("status");
    }
}

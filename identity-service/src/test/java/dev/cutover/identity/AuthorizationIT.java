package dev.cutover.identity;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.SignedUp;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.testsupport.TestTokens;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.stream.Stream;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Scopes and ownership: another user's user, KYC record and verification do not exist for you; scopes gate the rest. */
@IdentityIntegrationTest
class AuthorizationIT {

    @LocalServerPort
    int port;

    IdentityClient identity;
    /** Made once for the class: no test here changes them (refused calls change nothing, as they check). */
    static SignedUp alice;
    static SignedUp bob;
    static String aliceKyc;
    static String aliceVerification;

    @BeforeEach
    void twoUsers() {
        identity = new IdentityClient(port);
        if (alice == null) {
            alice = identity.newUser();
            bob = identity.newUser();
            aliceKyc = identity.kycRecord(alice.accessToken(), IdentityClient.kyc());
            aliceVerification = identity.verification(alice.accessToken(), aliceKyc);
        }
    }

    @Test
    void aUserReadsThemselvesTheirRecordAndTheirVerification() {
        assertThat(identity.as(alice.accessToken()).get("/api/v1/users/{id}", alice.id()).statusCode()).isEqualTo(200);
        assertThat(identity.as(alice.accessToken()).get("/api/v1/users/me").then().extract().<String>path("id")).isEqualTo(alice.id());
        assertThat(identity.as(alice.accessToken()).get("/api/v1/kyc-records/{id}", aliceKyc).statusCode()).isEqualTo(200);
        assertThat(identity.as(alice.accessToken()).get("/api/v1/verifications/{id}", aliceVerification).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUsersUserRecordAndVerificationAreNotFound() {
        assertProblem(identity.as(bob.accessToken()).get("/api/v1/users/{id}", alice.id()), 404, "not_found", null);
        assertProblem(identity.as(bob.accessToken()).get("/api/v1/kyc-records/{id}", aliceKyc), 404, "not_found", null);
        assertProblem(identity.as(bob.accessToken()).get("/api/v1/verifications/{id}", aliceVerification), 404, "not_found", null);
        assertProblem(identity.as(bob.accessToken()).delete("/api/v1/users/{id}/pii", alice.id()), 404, "not_found", null);
    }

    @Test
    void aUserCannotVerifyAnotherUsersRecord() {
        assertProblem(identity.requestVerification(bob.accessToken(), aliceKyc), 404, "not_found", null);
        assertThat(identity.kycStatus(bob.id())).as("nothing happened to bob").isEqualTo("unverified");
    }

    @Test
    void theUnknownAndTheForbiddenLookAlike() {
        Response forbidden = identity.as(bob.accessToken()).get("/api/v1/kyc-records/{id}", aliceKyc);
        Response unknown = identity.as(bob.accessToken()).get("/api/v1/kyc-records/{id}", "kyc_nosuchrecord");

        assertThat(forbidden.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(forbidden.jsonPath().getString("detail")).isEqualTo(unknown.jsonPath().getString("detail"));
    }

    @Test
    void theUserScopeCannotDecideOrCallTheInternalEndpoint() {
        assertProblem(identity.decide(alice.accessToken(), aliceVerification, "approved", "self-service"), 403, "forbidden", null);
        assertProblem(identity.as(alice.accessToken()).get("/internal/v1/users/{id}/kyc-status", alice.id()), 403, "forbidden", null);
        assertThat(identity.kycStatus(alice.id())).isEqualTo("pending");
    }

    @Test
    void onlyServicesCallTheInternalEndpointAndOnlyOpsDecide() {
        assertProblem(identity.asOps().get("/internal/v1/users/{id}/kyc-status", alice.id()), 403, "forbidden", null);
        assertProblem(identity.decide(identity.serviceToken(), aliceVerification, "approved", "x"), 403, "forbidden", null);
        assertProblem(identity.asService().get("/internal/v1/users/{id}/kyc-status", "usr_nosuchuser"), 404, "not_found", null);
    }

    @Test
    void opsAndServicesReadAnyUserOpsReadRecordsAndVerifications() {
        assertThat(identity.asOps().get("/api/v1/users/{id}", alice.id()).statusCode()).isEqualTo(200);
        assertThat(identity.asService().get("/api/v1/users/{id}", alice.id()).statusCode()).isEqualTo(200);
        assertThat(identity.asOps().get("/api/v1/kyc-records/{id}", aliceKyc).statusCode()).isEqualTo(200);
        assertThat(identity.asOps().get("/api/v1/verifications/{id}", aliceVerification).statusCode()).isEqualTo(200);
        assertProblem(identity.asService().get("/api/v1/kyc-records/{id}", aliceKyc), 403, "forbidden", null);
        assertProblem(identity.asService().get("/api/v1/verifications/{id}", aliceVerification), 403, "forbidden", null);
    }

    @Test
    void onlyTheUserThemselvesSubmitsDocumentsAndAsksForVerification() {
        assertProblem(identity.asOps().body(IdentityClient.kyc().body()).post("/api/v1/kyc-records"), 403, "forbidden", null);
        assertProblem(identity.asService().body(Map.of("kyc_record_id", aliceKyc)).post("/api/v1/verifications"), 403, "forbidden", null);
    }

    @Test
    void meOfAClientThatIsNoUserIsNotFound() {
        assertProblem(identity.asOps().get("/api/v1/users/me"), 404, "not_found", null);
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("signed by a key identity never published", TestTokens.mint("usr_x", Scope.OPS)),
                Arguments.of("expired", TestTokens.expired("usr_x", Scope.OPS)),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("badTokens")
    void aTokenIdentityDidNotIssueIsUnauthorized(String name, String token) {
        Response response = identity.as(token).get("/api/v1/users/me");

        assertProblem(response, 401, "unauthorized", null);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aMissingTokenIsUnauthorizedButSignUpTokenAndJwksAreOpen() {
        Response missing = identity.anonymous().get("/api/v1/users/me");
        assertProblem(missing, 401, "unauthorized", null);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");

        assertThat(identity.anonymous().get("/.well-known/jwks.json").statusCode()).isEqualTo(200);
        assertThat(identity.anonymous().auth().oauth2("stale.garbage.token").get("/.well-known/jwks.json").statusCode())
                .as("a stale header does not break the open endpoints").isEqualTo(200);
        assertThat(identity.anonymous().auth().oauth2("stale.garbage.token").body(IdentityClient.user().body())
                .post("/api/v1/users").statusCode()).isEqualTo(201);
    }

    @Test
    void probesAreOpenAndMetricsNeedOps() {
        assertThat(identity.anonymous().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(identity.anonymous().get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(identity.as(alice.accessToken()).get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(identity.asOps().get("/actuator/prometheus").then().statusCode(200).extract().asString())
                .as("the in-flight limit's meters (ADR 56)")
                .contains("cutover_http_in_flight_limit{application=\"identity-service\"} 256.0", "cutover_http_shed_total{");
    }
}

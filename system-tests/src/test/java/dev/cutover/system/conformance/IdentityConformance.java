package dev.cutover.system.conformance;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.system.Suite;
import dev.cutover.system.conformance.Client.User;
import dev.cutover.system.conformance.Client.Verified;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.cutover.system.conformance.Client.body;
import static dev.cutover.system.conformance.Client.key;
import static dev.cutover.system.conformance.Expect.invalid;
import static dev.cutover.system.conformance.Expect.json;
import static dev.cutover.system.conformance.Expect.noContent;
import static dev.cutover.system.conformance.Expect.notReplayed;
import static dev.cutover.system.conformance.Expect.problem;
import static dev.cutover.system.conformance.Expect.recent;
import static dev.cutover.system.conformance.Expect.replayed;
import static dev.cutover.system.conformance.Expect.resource;
import static dev.cutover.system.conformance.Expect.timestamp;
import static dev.cutover.system.conformance.Expect.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SPEC §2: users, tokens and their keys, KYC records, verifications, the internal KYC status, PII erasure. */
interface IdentityConformance extends Conformance {

    // ─── sign-up ───

    @Test
    default void signUpAnswersTheNewUnverifiedUserWithoutItsPassword() {
        String email = api().newEmail();

        Response created = api().identity().body(api().signUpBody(email)).post("/api/v1/users");

        Map<String, Object> user = resource(created, 201, Representations::user);
        assertThat(user).containsEntry("email", email).containsEntry("full_name", "Ada Lovelace")
                .containsEntry("country", "GB").containsEntry("kyc_status", "unverified");
        recent(user.get("created_at"));
        assertThat(created.asString()).doesNotContain(Client.PASSWORD);
        notReplayed(created);
    }

    @Test
    default void signUpRefusesAnEmailTakenInAnyLetterCase() {
        String email = api().newEmail();
        json(api().identity().body(api().signUpBody(email)).post("/api/v1/users"), 201);

        Response again = api().identity().body(api().signUpBody(email.toUpperCase(Locale.ROOT))).post("/api/v1/users");

        problem(again, ErrorCode.EMAIL_TAKEN);
    }

    @Test
    default void signUpNamesEveryMissingAndEveryInvalidField() {
        invalid(api().identity().body(Map.of()).post("/api/v1/users"),
                "email", "password", "full_name", "country", "date_of_birth");
        invalid(api().identity().body(body("email", "not-an-email", "password", "too short", "full_name", "Ada",
                        "country", "gb", "date_of_birth", "2099-01-01")).post("/api/v1/users"),
                "email", "password", "country", "date_of_birth");
    }

    @Test
    default void signUpWithTheSameIdempotencyKeyAndBodyIsReplayed() {
        String key = key();
        Map<String, Object> request = api().signUpBody(api().newEmail());
        Response first = api().identity().header("Idempotency-Key", key).body(request).post("/api/v1/users");
        Map<String, Object> user = resource(first, 201, Representations::user);
        notReplayed(first);

        Response again = api().identity().header("Idempotency-Key", key).body(request).post("/api/v1/users");

        replayed(again, 201, user);
    }

    @Test
    default void signUpRefusesAnIdempotencyKeyReusedForAnotherBody() {
        String key = key();
        json(api().identity().header("Idempotency-Key", key).body(api().signUpBody(api().newEmail())).post("/api/v1/users"), 201);

        Response reused = api().identity().header("Idempotency-Key", key).body(api().signUpBody(api().newEmail())).post("/api/v1/users");

        problem(reused, ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    // ─── tokens ───

    @Test
    @SuppressWarnings("unchecked")
    default void passwordGrantFromAFormIssuesAnRs256AccessTokenAndARefreshToken() {
        User user = api().signUp();

        Response granted = api().passwordGrant(user.email(), user.password());

        Map<String, Object> token = resource(granted, 200, t -> Representations.token(t, true));
        assertThat(token).containsEntry("scope", "user");
        assertThat(granted.header("Cache-Control")).as("RFC 6749 §5.1").contains("no-store");
        String accessToken = (String) token.get("access_token");
        Map<String, Object> header = jwtPart(accessToken, 0);
        assertThat(header).containsEntry("alg", "RS256").containsKey("kid");
        Map<String, Object> claims = jwtPart(accessToken, 1);
        assertThat(claims).containsKeys("iss", "sub", "scope", "iat", "exp", "jti").containsEntry("sub", user.id())
                .containsEntry("scope", "user");
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);
        List<Map<String, Object>> keys = (List<Map<String, Object>>) json(api().identity().get("/.well-known/jwks.json"), 200).get("keys");
        List<Object> kids = keys.stream().map(key -> key.get("kid")).toList();
        assertThat(kids).as("the token's kid is published in the JWKS").contains(header.get("kid"));
    }

    @Test
    default void passwordGrantTakesJsonToo() {
        User user = api().signUp();

        Response granted = api().identity().body(body("grant_type", "password", "email", user.email(), "password", user.password()))
                .post("/api/v1/auth/token");

        Map<String, Object> token = resource(granted, 200, t -> Representations.token(t, true));
        Response me = api().identity((String) token.get("access_token")).get("/api/v1/users/me");
        assertThat(resource(me, 200, Representations::user)).containsEntry("id", user.id());
    }

    @Test
    default void clientCredentialsGrantIssuesOpsAndServiceTokensWithoutRefreshToken() {
        Response ops = api().identity().body(body("grant_type", "client_credentials", "client_id", Suite.OPS_CLIENT,
                "client_secret", Suite.OPS_SECRET)).post("/api/v1/auth/token");
        Map<String, Object> opsToken = resource(ops, 200, t -> Representations.token(t, false));
        assertThat(opsToken).containsEntry("scope", "ops");
        assertThat(jwtPart((String) opsToken.get("access_token"), 1)).containsEntry("sub", Suite.OPS_CLIENT).containsEntry("scope", "ops");

        Response service = api().clientCredentialsGrant(Client.SERVICE_CLIENT, Client.SERVICE_SECRET);
        Map<String, Object> serviceToken = resource(service, 200, t -> Representations.token(t, false));
        assertThat(serviceToken).containsEntry("scope", "service");
        assertThat(jwtPart((String) serviceToken.get("access_token"), 1)).containsEntry("sub", Client.SERVICE_CLIENT);
    }

    @Test
    default void refreshTokensRotateAndAReusedOneRevokesItsFamily() {
        User user = api().signUp();
        String first = (String) json(api().passwordGrant(user.email(), user.password()), 200).get("refresh_token");

        Map<String, Object> rotated = resource(refresh(first), 200, t -> Representations.token(t, true));
        assertThat(rotated).containsEntry("scope", "user");
        String second = (String) rotated.get("refresh_token");
        assertThat(second).isNotEqualTo(first);
        json(api().identity((String) rotated.get("access_token")).get("/api/v1/users/me"), 200);

        problem(refresh(first), ErrorCode.INVALID_GRANT);
        problem(refresh(second), ErrorCode.INVALID_GRANT);
    }

    @Test
    default void badCredentialsOfEveryGrantAnswer401InvalidGrant() {
        User user = api().signUp();
        problem(api().passwordGrant(user.email(), "not the password at all"), ErrorCode.INVALID_GRANT);
        problem(api().passwordGrant(api().newEmail(), Client.PASSWORD), ErrorCode.INVALID_GRANT);
        problem(api().clientCredentialsGrant(Suite.OPS_CLIENT, "not-the-secret"), ErrorCode.INVALID_GRANT);
        problem(refresh("rt_not-a-refresh-token-anybody-was-given"), ErrorCode.INVALID_GRANT);
    }

    @Test
    default void tokenRequestsNameTheFieldThatIsMissingUnknownOrOfAnotherGrant() {
        invalid(form("email", "someone@example.com"), "grant_type");
        invalid(form("grant_type", "magic"), "grant_type");
        invalid(form("grant_type", "password", "email", "someone@example.com"), "password");
        invalid(form("grant_type", "password", "email", "someone@example.com", "password", Client.PASSWORD, "client_id", "x"), "client_id");
        invalid(form("grant_type", "password", "email", "someone@example.com", "password", Client.PASSWORD, "bogus", "1"), "bogus");
        invalid(api().identity().body(body("grant_type", "client_credentials", "client_id", Suite.OPS_CLIENT)).post("/api/v1/auth/token"),
                "client_secret");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void jwksPublishesTheRsaSigningKeysWithTheirKidsAndNothingPrivate() {
        Response jwks = api().identity().get("/.well-known/jwks.json");

        Map<String, Object> set = json(jwks, 200);
        assertThat(set).containsKey("keys");
        List<Map<String, Object>> keys = (List<Map<String, Object>>) set.get("keys");
        assertThat(keys).isNotEmpty();
        for (Map<String, Object> key : keys) {
            assertThat(key).containsKeys("kty", "kid", "use", "alg", "n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi")
                    .containsEntry("kty", "RSA").containsEntry("use", "sig").containsEntry("alg", "RS256");
        }
    }

    // ─── users ───

    @Test
    default void usersMeAndUsersIdAnswerTheCallerThemself() {
        User user = fixtures().stranger();

        Map<String, Object> me = resource(api().identity(user.token()).get("/api/v1/users/me"), 200, Representations::user);
        assertThat(me).containsEntry("id", user.id()).containsEntry("email", user.email());

        assertThat(resource(api().identity(user.token()).get("/api/v1/users/{id}", user.id()), 200, Representations::user))
                .isEqualTo(me);
    }

    @Test
    default void opsAndServicesSeeAnyUserButAreNoUserThemselves() {
        User user = fixtures().stranger();
        Map<String, Object> me = json(api().identity(user.token()).get("/api/v1/users/me"), 200);

        assertThat(resource(api().identity(fixtures().ops()).get("/api/v1/users/{id}", user.id()), 200, Representations::user)).isEqualTo(me);
        assertThat(resource(api().identity(fixtures().service()).get("/api/v1/users/{id}", user.id()), 200, Representations::user)).isEqualTo(me);
        problem(api().identity(fixtures().ops()).get("/api/v1/users/me"), ErrorCode.NOT_FOUND);
    }

    @Test
    default void anotherUserAndAnUnknownUserAreNotFound() {
        problem(api().identity(fixtures().stranger().token()).get("/api/v1/users/{id}", fixtures().payer().user().id()), ErrorCode.NOT_FOUND);
        problem(api().identity(fixtures().ops()).get("/api/v1/users/{id}", IdPrefix.USER.newId()), ErrorCode.NOT_FOUND);
    }

    // ─── KYC records ───

    @Test
    default void kycRecordIsSubmittedWithItsNumberOnlyMasked() {
        User user = fixtures().stranger();
        String number = Client.documentNumber();

        Response created = api().identity(user.token()).body(api().passport(number)).post("/api/v1/kyc-records");

        Map<String, Object> record = resource(created, 201, Representations::kycRecord);
        assertThat(record).containsEntry("user_id", user.id()).containsEntry("document_type", "passport")
                .containsEntry("document_number_masked", "*****" + number.substring(number.length() - 4))
                .containsEntry("issuing_country", "GB").containsEntry("expires_on", "2034-01-31").containsEntry("status", "submitted");
        recent(record.get("created_at"));
        assertThat(created.asString()).doesNotContain(number);
        notReplayed(created);
        assertThat(json(api().identity(user.token()).get("/api/v1/kyc-records/{id}", record.get("id")), 200)).isEqualTo(record);
        assertThat(json(api().identity(fixtures().ops()).get("/api/v1/kyc-records/{id}", record.get("id")), 200)).isEqualTo(record);
    }

    @Test
    default void anotherUsersAndUnknownKycRecordsAreNotFound() {
        problem(api().identity(fixtures().stranger().token()).get("/api/v1/kyc-records/{id}", fixtures().payer().kycRecordId()),
                ErrorCode.NOT_FOUND);
        problem(api().identity(fixtures().ops()).get("/api/v1/kyc-records/{id}", IdPrefix.KYC_RECORD.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void kycRecordRefusesAnExpiredDocumentAndNamesEveryInvalidField() {
        String token = fixtures().stranger().token();
        Map<String, Object> expired = api().passport(Client.documentNumber());
        expired.put("expires_on", "2020-01-31");
        invalid(api().identity(token).body(expired).post("/api/v1/kyc-records"), "expires_on");

        invalid(api().identity(token).body(Map.of()).post("/api/v1/kyc-records"),
                "document_type", "document_number", "issuing_country", "expires_on");
        Map<String, Object> unknownType = api().passport(Client.documentNumber());
        unknownType.put("document_type", "library_card");
        invalid(api().identity(token).body(unknownType).post("/api/v1/kyc-records"), "document_type");
        Map<String, Object> malformed = api().passport("AB--CD");
        malformed.put("issuing_country", "gb");
        invalid(api().identity(token).body(malformed).post("/api/v1/kyc-records"), "document_number", "issuing_country");
    }

    @Test
    default void kycRecordWithTheSameIdempotencyKeyIsReplayedAndWithAnotherBodyRefused() {
        String token = fixtures().stranger().token();
        String key = key();
        Map<String, Object> request = api().passport(Client.documentNumber());
        Map<String, Object> record = json(api().identity(token).header("Idempotency-Key", key).body(request).post("/api/v1/kyc-records"), 201);

        replayed(api().identity(token).header("Idempotency-Key", key).body(request).post("/api/v1/kyc-records"), 201, record);
        problem(api().identity(token).header("Idempotency-Key", key).body(api().passport(Client.documentNumber())).post("/api/v1/kyc-records"),
                ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    // ─── verifications ───

    @Test
    default void approvedVerificationVerifiesTheUserAndCannotBeDecidedAgain() {
        User user = api().signUp();
        String record = api().submitPassport(user);

        Response requested = api().identity(user.token()).body(body("kyc_record_id", record)).post("/api/v1/verifications");

        Map<String, Object> pending = resource(requested, 201, Representations::verification);
        assertThat(pending).containsEntry("kyc_record_id", record).containsEntry("user_id", user.id())
                .containsEntry("status", "pending").containsEntry("decided_at", null).containsEntry("reason", null);
        recent(pending.get("created_at"));
        assertThat(kycStatusOf(user)).isEqualTo("pending");
        assertThat(json(api().identity(user.token()).get("/api/v1/kyc-records/{id}", record), 200)).containsEntry("status", "pending");
        String id = (String) pending.get("id");
        assertThat(json(api().identity(user.token()).get("/api/v1/verifications/{id}", id), 200)).isEqualTo(pending);
        assertThat(json(api().identity(fixtures().ops()).get("/api/v1/verifications/{id}", id), 200)).isEqualTo(pending);

        Map<String, Object> approved = resource(api().decide(fixtures().ops(), id, "approved"), 200, Representations::verification);

        assertThat(approved).containsEntry("id", id).containsEntry("status", "approved")
                .containsEntry("reason", "checked by the conformance suite");
        assertThat(timestamp(approved.get("decided_at"))).isAfterOrEqualTo(timestamp(approved.get("created_at")));
        assertThat(kycStatusOf(user)).isEqualTo("verified");
        assertThat(json(api().identity(user.token()).get("/api/v1/kyc-records/{id}", record), 200)).containsEntry("status", "verified");
        assertThat(json(api().identity(user.token()).get("/api/v1/verifications/{id}", id), 200)).isEqualTo(approved);
        problem(api().decide(fixtures().ops(), id, "rejected"), ErrorCode.INVALID_STATE_TRANSITION);
        String another = api().submitPassport(user);
        problem(api().identity(user.token()).body(body("kyc_record_id", another)).post("/api/v1/verifications"),
                ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    default void aRejectedUserMayAskAgainButNotWhilePending() {
        User user = api().signUp();
        String verification = api().requestVerification(user, api().submitPassport(user));
        problem(api().identity(user.token()).body(body("kyc_record_id", api().submitPassport(user))).post("/api/v1/verifications"),
                ErrorCode.INVALID_STATE_TRANSITION);

        Map<String, Object> rejected = resource(api().decide(fixtures().ops(), verification, "rejected"), 200, Representations::verification);

        assertThat(rejected).containsEntry("status", "rejected");
        assertThat(kycStatusOf(user)).isEqualTo("rejected");
        api().requestVerification(user, api().submitPassport(user));
        assertThat(kycStatusOf(user)).isEqualTo("pending");
    }

    @Test
    default void verificationOfAnotherUsersOrAnUnknownRecordIsNotFoundAndChangesNothing() {
        User user = api().signUp();

        problem(api().identity(user.token()).body(body("kyc_record_id", fixtures().payer().kycRecordId())).post("/api/v1/verifications"),
                ErrorCode.NOT_FOUND);
        problem(api().identity(user.token()).body(body("kyc_record_id", IdPrefix.KYC_RECORD.newId())).post("/api/v1/verifications"),
                ErrorCode.NOT_FOUND);

        assertThat(kycStatusOf(user)).isEqualTo("unverified");
    }

    @Test
    default void anotherUsersVerificationIsNotFoundAndAnUnknownOneCannotBeDecided() {
        problem(api().identity(fixtures().stranger().token()).get("/api/v1/verifications/{id}", fixtures().payer().verificationId()),
                ErrorCode.NOT_FOUND);
        problem(api().identity(fixtures().ops()).get("/api/v1/verifications/{id}", IdPrefix.VERIFICATION.newId()), ErrorCode.NOT_FOUND);
        problem(api().decide(fixtures().ops(), IdPrefix.VERIFICATION.newId(), "approved"), ErrorCode.NOT_FOUND);
    }

    @Test
    default void verificationRequestsAndDecisionsNameTheirInvalidFields() {
        invalid(api().identity(fixtures().stranger().token()).body(Map.of()).post("/api/v1/verifications"), "kyc_record_id");
        String verification = fixtures().payer().verificationId();
        invalid(api().identity(fixtures().ops()).body(Map.of()).post("/api/v1/verifications/{id}/decision", verification),
                "decision", "reason");
        invalid(api().identity(fixtures().ops()).body(body("decision", "maybe", "reason", "unsure"))
                .post("/api/v1/verifications/{id}/decision", verification), "decision");
    }

    @Test
    default void verificationWithTheSameIdempotencyKeyIsReplayedAndWithAnotherBodyRefused() {
        User user = api().signUp();
        String record = api().submitPassport(user);
        String key = key();
        Map<String, Object> first = json(api().identity(user.token()).header("Idempotency-Key", key)
                .body(body("kyc_record_id", record)).post("/api/v1/verifications"), 201);

        replayed(api().identity(user.token()).header("Idempotency-Key", key).body(body("kyc_record_id", record))
                .post("/api/v1/verifications"), 201, first);
        problem(api().identity(user.token()).header("Idempotency-Key", key).body(body("kyc_record_id", api().submitPassport(user)))
                .post("/api/v1/verifications"), ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    // ─── internal KYC status ───

    @Test
    default void internalKycStatusAnswersTheServiceClientOnly() {
        assumeFalse(target().gateway(), "a gateway never routes /internal/**");
        Verified payer = fixtures().payer();
        String path = "/internal/v1/users/{id}/kyc-status";

        Map<String, Object> status = resource(api().identity(fixtures().service()).get(path, payer.user().id()), 200,
                Representations::kycStatus);

        assertThat(status).containsEntry("user_id", payer.user().id()).containsEntry("kyc_status", "verified");
        problem(api().identity(payer.user().token()).get(path, payer.user().id()), ErrorCode.FORBIDDEN);
        problem(api().identity(fixtures().ops()).get(path, payer.user().id()), ErrorCode.FORBIDDEN);
        unauthorized(api().identity().get(path, payer.user().id()));
        problem(api().identity(fixtures().service()).get(path, IdPrefix.USER.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void gatewayDoesNotRouteInternalPaths() {
        assumeTrue(target().gateway(), "only a gateway hides /internal/**");
        String userId = fixtures().payer().user().id();

        assertThat(api().identity(fixtures().service()).get("/internal/v1/users/{id}/kyc-status", userId).statusCode()).isEqualTo(404);
        assertThat(api().identity().get("/internal/v1/users/{id}/kyc-status", userId).statusCode()).isEqualTo(404);
        problem(api().identity(fixtures().service()).get("/internal/v1/users/{id}/kyc-status", userId), ErrorCode.NOT_FOUND);
    }

    // ─── PII erasure ───

    @Test
    default void erasureDestroysTheNameAndDocumentNumbersKeepsTheRestAndIsIdempotent() {
        User user = api().signUp();
        String record = api().submitPassport(user);
        Map<String, Object> before = json(api().identity(user.token()).get("/api/v1/users/me"), 200);

        noContent(api().identity(user.token()).delete("/api/v1/users/{id}/pii", user.id()));

        Map<String, Object> after = resource(api().identity(user.token()).get("/api/v1/users/me"), 200, Representations::user);
        assertThat(after).containsEntry("full_name", null).containsEntry("id", user.id()).containsEntry("email", user.email())
                .containsEntry("kyc_status", before.get("kyc_status")).containsEntry("created_at", before.get("created_at"));
        Map<String, Object> erasedRecord = resource(api().identity(user.token()).get("/api/v1/kyc-records/{id}", record), 200,
                Representations::kycRecord);
        assertThat(erasedRecord).containsEntry("document_number_masked", null).containsEntry("status", "submitted");
        noContent(api().identity(user.token()).delete("/api/v1/users/{id}/pii", user.id()));
    }

    @Test
    default void opsMayEraseAnyUserAndAnotherUserNobody() {
        User user = api().signUp();
        problem(api().identity(fixtures().stranger().token()).delete("/api/v1/users/{id}/pii", user.id()), ErrorCode.NOT_FOUND);
        assertThat(json(api().identity(user.token()).get("/api/v1/users/me"), 200)).containsEntry("full_name", "Ada Lovelace");

        noContent(api().identity(fixtures().ops()).delete("/api/v1/users/{id}/pii", user.id()));

        assertThat(json(api().identity(user.token()).get("/api/v1/users/me"), 200)).containsEntry("full_name", null);
        problem(api().identity(fixtures().ops()).delete("/api/v1/users/{id}/pii", IdPrefix.USER.newId()), ErrorCode.NOT_FOUND);
    }

    // ─── helpers ───

    private String kycStatusOf(User user) {
        return (String) json(api().identity(user.token()).get("/api/v1/users/me"), 200).get("kyc_status");
    }

    private Response refresh(String refreshToken) {
        return form("grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    private Response form(String... namesAndValues) {
        var request = api().identity().contentType(ContentType.URLENC);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            request.formParam(namesAndValues[i], namesAndValues[i + 1]);
        }
        return request.post("/api/v1/auth/token");
    }

    /** The decoded header (0) or claims (1) of a JWS; not verified: the target's key set is for that. */
    private static Map<String, Object> jwtPart(String jwt, int part) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a JWS in compact form").hasSize(3);
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[part]), StandardCharsets.UTF_8)).getMap("$");
    }
}

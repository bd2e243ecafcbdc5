package dev.cutover.system.conformance;

import dev.cutover.system.Suite;
import dev.cutover.system.conformance.Target.Domain;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the public API of one {@link Target}, the way a mobile app, an ops console or a service uses it: each
 * request goes to the URL of the domain that owns it, tokens come from the target's own token endpoint.
 */
final class Client {

    static final String PASSWORD = "correct horse battery staple";
    static final String SERVICE_CLIENT = "payments-service";
    static final String SERVICE_SECRET = "local-payments-service-secret";
    private static final Duration PROCESSED_WITHIN = Duration.ofSeconds(20);
    private static final AtomicLong DOCUMENTS = new AtomicLong(System.nanoTime() % 10_000_000);

    private final Target target;

    Client(Target target) {
        this.target = target;
    }

    // ─── requests ───

    /** An anonymous JSON request to the domain's URL. */
    RequestSpecification to(Domain domain) {
        return RestAssured.given().baseUri(target.urlOf(domain)).filter(Exchanges.RECORDER).contentType(ContentType.JSON);
    }

    RequestSpecification to(Domain domain, String token) {
        return to(domain).auth().oauth2(token);
    }

    RequestSpecification identity() {
        return to(Domain.IDENTITY);
    }

    RequestSpecification identity(String token) {
        return to(Domain.IDENTITY, token);
    }

    RequestSpecification payments(String token) {
        return to(Domain.PAYMENTS, token);
    }

    RequestSpecification ledger(String token) {
        return to(Domain.LEDGER, token);
    }

    /** A JSON object with its members in the given order; values may be {@code null}. */
    static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    /** A fresh random key: keys are scoped per caller, sign-ups share one anonymous scope. */
    static String key() {
        return "conformance-" + lettersOnly();
    }

    /**
     * A random UUID spelled without digits. A UUID's digit groups can form a Luhn-valid 13–19 digit run
     * ("…4663-4803-4846-928…"), which both sides refuse as raw card data in a body (SPEC §3), so a test key with
     * digits fails about once in a few thousand.
     */
    static String lettersOnly() {
        StringBuilder letters = new StringBuilder(36);
        for (char c : UUID.randomUUID().toString().toCharArray()) {
            letters.append(c >= '0' && c <= '9' ? (char) ('g' + (c - '0')) : c);
        }
        return letters.toString();
    }

    // ─── identity ───

    /** A user who signed up and signed in. */
    record User(String id, String email, String password, String token) {
    }

    String newEmail() {
        return "conf-" + target.slug() + "-" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
    }

    Map<String, Object> signUpBody(String email) {
        return body("email", email, "password", PASSWORD, "full_name", "Ada Lovelace", "country", "GB",
                "date_of_birth", "1990-12-10");
    }

    User signUp() {
        String email = newEmail();
        Response created = identity().body(signUpBody(email)).post("/api/v1/users");
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return new User(created.path("id"), email, PASSWORD, signIn(email, PASSWORD));
    }

    Response passwordGrant(String email, String password) {
        return identity().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("email", email).formParam("password", password)
                .post("/api/v1/auth/token");
    }

    String signIn(String email, String password) {
        return tokenOf(passwordGrant(email, password));
    }

    Response clientCredentialsGrant(String clientId, String secret) {
        return identity().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/api/v1/auth/token");
    }

    String opsToken() {
        return tokenOf(clientCredentialsGrant(Suite.OPS_CLIENT, Suite.OPS_SECRET));
    }

    String serviceToken() {
        return tokenOf(clientCredentialsGrant(SERVICE_CLIENT, SERVICE_SECRET));
    }

    private static String tokenOf(Response grant) {
        assertThat(grant.statusCode()).as(Exchanges.describe(grant)).isEqualTo(200);
        return grant.path("access_token");
    }

    /** A passport number no other test uses: letters and digits, so its mask is its last four characters. */
    static String documentNumber() {
        return "P" + String.format("%08d", DOCUMENTS.incrementAndGet() % 100_000_000);
    }

    Map<String, Object> passport(String number) {
        return body("document_type", "passport", "document_number", number, "issuing_country", "GB",
                "expires_on", "2034-01-31");
    }

    String submitPassport(User user) {
        Response created = identity(user.token()).body(passport(documentNumber())).post("/api/v1/kyc-records");
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return created.path("id");
    }

    String requestVerification(User user, String kycRecordId) {
        Response created = identity(user.token()).body(body("kyc_record_id", kycRecordId)).post("/api/v1/verifications");
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return created.path("id");
    }

    Response decide(String opsToken, String verificationId, String decision) {
        return identity(opsToken).body(body("decision", decision, "reason", "checked by the conformance suite"))
                .post("/api/v1/verifications/{id}/decision", verificationId);
    }

    /** What {@link #verify} leaves behind: the record and the verification that made the user verified. */
    record Verified(User user, String kycRecordId, String verificationId) {
    }

    Verified verify(User user, String opsToken) {
        String record = submitPassport(user);
        String verification = requestVerification(user, record);
        Response decided = decide(opsToken, verification, "approved");
        assertThat(decided.statusCode()).as(Exchanges.describe(decided)).isEqualTo(200);
        return new Verified(user, record, verification);
    }

    // ─── payments ───

    String card(User user, String vaultToken) {
        Response created = payments(user.token()).body(body("type", "card", "token", vaultToken)).post("/api/v1/payment-methods");
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return created.path("id");
    }

    Map<String, Object> chargeBody(long amount, String paymentMethodId) {
        return body("amount", amount, "currency", "USD", "payment_method_id", paymentMethodId);
    }

    Response pay(User user, Map<String, Object> body) {
        return payments(user.token()).body(body).post("/api/v1/transactions");
    }

    /** A transaction of {@code amount} USD, created and processed to {@code status}. */
    Map<String, Object> charged(User user, long amount, String paymentMethodId, String status) {
        Response created = pay(user, chargeBody(amount, paymentMethodId));
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return awaitTransaction(user.token(), created.path("id"), status);
    }

    Map<String, Object> awaitTransaction(String token, String id, String status) {
        return awaitStatus(token, "/api/v1/transactions/{id}", id, status);
    }

    Map<String, Object> awaitRefund(String token, String id, String status) {
        return awaitStatus(token, "/api/v1/refunds/{id}", id, status);
    }

    private Map<String, Object> awaitStatus(String token, String path, String id, String status) {
        return Awaitility.await().atMost(PROCESSED_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Response found = payments(token).get(path, id);
                    assertThat(found.statusCode()).as(Exchanges.describe(found)).isEqualTo(200);
                    return Expect.map(found);
                }, found -> status.equals(found.get("status")));
    }

    Response refund(String token, Map<String, Object> body) {
        return payments(token).body(body).post("/api/v1/refunds");
    }

    // ─── ledger ───

    Map<String, Object> accountBody(String name, String currency, String type) {
        return body("name", name, "currency", currency, "type", type);
    }

    Map<String, Object> account(String opsToken, Map<String, Object> body) {
        Response created = ledger(opsToken).body(body).post("/api/v1/accounts");
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return Expect.map(created);
    }

    /** An entry line; the amount an {@code int}, as a small amount reads back from JSON. */
    static Map<String, Object> line(String accountId, String direction, int amount) {
        return body("account_id", accountId, "direction", direction, "amount", amount);
    }

    static String reference() {
        return "conformance:" + lettersOnly();
    }

    Response postEntry(String opsToken, Map<String, Object> body) {
        return ledger(opsToken).body(body).post("/api/v1/entries");
    }

    /** Posts a two-line entry moving {@code amount} from the credited account to the debited one. */
    Map<String, Object> posted(String opsToken, String debited, String credited, int amount) {
        Response created = postEntry(opsToken, body("reference", reference(),
                "lines", List.of(line(debited, "debit", amount), line(credited, "credit", amount))));
        assertThat(created.statusCode()).as(Exchanges.describe(created)).isEqualTo(201);
        return Expect.map(created);
    }
}

package dev.cutover.payments.support;

import dev.cutover.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Drives the payments API over HTTP, with builders that default everything not under test. */
public final class PaymentsClient {

    private final int port;

    public PaymentsClient(int port) {
        this.port = port;
    }

    /** A new user id that identity reports as KYC-verified. */
    public static String verifiedUser() {
        return "usr_verified" + UUID.randomUUID().toString().replace("-", "");
    }

    public RequestSpecification as(String userId) {
        return asToken(TestTokens.user(userId));
    }

    public RequestSpecification asOps() {
        return asToken(TestTokens.ops());
    }

    public RequestSpecification asToken(String token) {
        return RestAssured.given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static Map<String, Object> charge(long amount, String paymentMethodId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", "USD");
        body.put("payment_method_id", paymentMethodId);
        return body;
    }

    public Response createTransaction(String userId, Map<String, Object> body) {
        return as(userId).body(body).post("/api/v1/transactions");
    }

    /** Creates a transaction and waits until processing settled it; returns the settled transaction. */
    public JsonPath settledTransaction(String userId, long amount, String paymentMethodId) {
        String id = createTransaction(userId, charge(amount, paymentMethodId)).then().statusCode(201).extract().path("id");
        return awaitSettled(userId, id);
    }

    public JsonPath awaitSettled(String userId, String transactionId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> as(userId).get("/api/v1/transactions/{id}", transactionId).then().statusCode(200).extract().jsonPath(),
                        json -> !"pending".equals(json.getString("status")));
    }

    public JsonPath awaitRefundSettled(String userId, String refundId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> as(userId).get("/api/v1/refunds/{id}", refundId).then().statusCode(200).extract().jsonPath(),
                        json -> !"pending".equals(json.getString("status")));
    }
}

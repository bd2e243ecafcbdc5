package dev.cutover.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A client of the public API through a gateway, the way a mobile app or an ops console uses it. */
final class Api {

    private final String baseUrl;

    /** Through the suite's gateway (every domain on the new side). */
    Api(Suite suite) {
        this(suite.gatewayUrl());
    }

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    RequestSpecification anonymous() {
        return RestAssured.given().baseUri(baseUrl).contentType(ContentType.JSON);
    }

    RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    /** A new user, signed up through the gateway, with their access token. */
    record User(String id, String email, String password, String token) {
    }

    User signUp() {
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        String password = "correct horse battery staple";
        String id = anonymous().body(Map.of("email", email, "password", password, "full_name", "Ada Lovelace",
                        "country", "GB", "date_of_birth", "1990-12-10"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return new User(id, email, password, signIn(email, password));
    }

    String signIn(String email, String password) {
        return anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("email", email).formParam("password", password)
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    String opsToken() {
        return anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", Suite.OPS_CLIENT)
                .formParam("client_secret", Suite.OPS_SECRET)
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    /** Submits a passport, asks for verification, and has ops approve it. */
    void verify(User user) {
        String record = as(user.token()).body(Map.of("document_type", "passport", "document_number", "P" + System.nanoTime() % 100_000_000,
                        "issuing_country", "GB", "expires_on", "2034-01-31"))
                .post("/api/v1/kyc-records").then().statusCode(201).extract().path("id");
        String verification = as(user.token()).body(Map.of("kyc_record_id", record))
                .post("/api/v1/verifications").then().statusCode(201).extract().path("id");
        as(opsToken()).body(Map.of("decision", "approved", "reason", "documents in order"))
                .post("/api/v1/verifications/{id}/decision", verification).then().statusCode(200);
    }

    Response pay(User user, long amount, String paymentMethodId) {
        return as(user.token()).body(Map.of("amount", amount, "currency", "USD", "payment_method_id", paymentMethodId))
                .post("/api/v1/transactions");
    }

    JsonPath awaitTransaction(User user, String id, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(user.token()).get("/api/v1/transactions/{id}", id).then().statusCode(200).extract().jsonPath(),
                        json -> status.equals(json.getString("status")));
    }
}

package dev.cutover.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ops do on the synced suite: move weights and pull the kill switch through the gateway, with a token from the
 * new identity itself (whichever side identity is routed to), and check that both sides agree.
 */
final class SyncedOps {

    static final String[] DOMAINS = {"identity", "payments", "ledger"};

    private final Suite suite;
    private final Api api;
    private String token;

    SyncedOps(Suite suite) {
        this.suite = suite;
        this.api = new Api(suite);
    }

    String token() {
        if (token == null) {
            token = RestAssured.given().baseUri(suite.identityUrl()).contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials").formParam("client_id", Suite.OPS_CLIENT)
                    .formParam("client_secret", Suite.OPS_SECRET)
                    .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        }
        return token;
    }

    /** A service or the monolith called directly (not through the gateway), as ops. */
    RequestSpecification directly(String baseUrl) {
        return RestAssured.given().baseUri(baseUrl).auth().oauth2(token()).contentType(ContentType.JSON);
    }

    /** The weights of identity, payments and the ledger, in that order. */
    void weights(int[] weights, String reason) {
        for (int i = 0; i < DOMAINS.length; i++) {
            api.as(token()).body(Map.of("weight", weights[i], "reason", reason)).put("/ops/v1/routing/" + DOMAINS[i])
                    .then().statusCode(200);
        }
    }

    void allWeights(int weight, String reason) {
        weights(new int[] {weight, weight, weight}, reason);
    }

    void killSwitch(String reason) {
        api.as(token()).body(Map.of("reason", reason)).post("/ops/v1/routing/kill-switch").then().statusCode(200);
    }

    /** Each service's reconciliation reports no mismatch, within {@code within}. */
    void awaitReconciled(Duration within) {
        for (String service : new String[] {suite.identityUrl(), suite.paymentsUrl(), suite.ledgerUrl()}) {
            Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                    directly(service).get("/internal/v1/sync/reconciliation").then().statusCode(200).extract()
                            .<Integer>path("mismatches")).as(service).isZero());
        }
    }

    /** Both ledgers' integrity checks pass. */
    void assertLedgersWhole() {
        for (String side : new String[] {suite.ledgerUrl(), suite.legacy().baseUrl()}) {
            assertThat(directly(side).get("/api/v1/ledger/integrity").then().statusCode(200).extract().<Boolean>path("ok"))
                    .as(side).isTrue();
        }
    }
}

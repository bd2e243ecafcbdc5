package dev.cutover.ledger.account;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@LedgerIntegrationTest
class AccountsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port);
    }

    @Test
    void anAccountIsOpenedWithTheNormalBalanceOfItsType() {
        JsonPath account = ledger.asService()
                .body(Map.of("name", "Merchant settlement USD", "currency", "USD", "type", "liability"))
                .post("/api/v1/accounts").then().statusCode(201).extract().jsonPath();

        assertThat(account.getString("id")).startsWith("acc_");
        assertThat(account.getString("normal_balance")).isEqualTo("credit");
        assertThat(account.getBoolean("allow_negative")).isFalse();
        assertThat(account.getString("owner_id")).isNull();
        assertThat(account.getMap("")).containsKey("owner_id");
        assertThat(account.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void anIdempotencyKeyOpensOneAccountHoweverOftenAndConcurrentlyItIsSent() {
        String key = "clearing-USD-" + UUID.randomUUID();
        Map<String, Object> body = LedgerClient.account().body();

        List<Response> responses = Concurrently.run(20, i -> () ->
                ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(body).post("/api/v1/accounts"));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("code")).isEqualTo("idempotency_key_in_use"));
        List<String> ids = responses.stream().filter(r -> r.statusCode() == 201).map(r -> r.jsonPath().getString("id")).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM accounts WHERE name = :name").param("name", body.get("name"))
                .query(Long.class).single()).isEqualTo(1);

        Response replay = ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(body).post("/api/v1/accounts");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(replay.jsonPath().getString("id")).isEqualTo(ids.getFirst());
    }

    @Test
    void anIdempotencyKeyReusedForAnotherAccountIsRefused() {
        String key = "key-" + UUID.randomUUID();
        ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(LedgerClient.account().body())
                .post("/api/v1/accounts").then().statusCode(201);

        Response reused = ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(LedgerClient.account().currency("EUR").body()).post("/api/v1/accounts");

        assertProblem(reused, 422, "idempotency_key_reused", null);
    }

    @Test
    void idempotencyKeysAreScopedPerCaller() {
        String key = "shared-" + UUID.randomUUID();
        Map<String, Object> body = LedgerClient.account().body();
        String byService = ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(body)
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        String byOps = ledger.asOps().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(body)
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id");

        assertThat(byOps).isNotEqualTo(byService);
    }

    @Test
    void aRequestRefusedByValidationLeavesItsKeyFree() {
        String key = "retry-" + UUID.randomUUID();
        assertProblem(ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(LedgerClient.account().currency("SEK").body()).post("/api/v1/accounts"), 400, "validation_failed", "currency");

        assertThat(ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(LedgerClient.account().body()).post("/api/v1/accounts").statusCode()).isEqualTo(201);
    }

    @Test
    void anOverlongIdempotencyKeyIsRefused() {
        assertProblem(ledger.asService().header(CutoverHeaders.IDEMPOTENCY_KEY, "k".repeat(256))
                .body(LedgerClient.account().body()).post("/api/v1/accounts"), 400, "validation_failed", "Idempotency-Key");
    }

    @Test
    void listsPageNewestFirstWithoutGapsOrRepeats() {
        String owner = "usr_pager" + UUID.randomUUID().toString().replace("-", "");
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            opened.add(ledger.openAccount(LedgerClient.account().owner(owner)));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            var request = ledger.asOps().queryParam("owner_id", owner).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("starting_after", cursor);
            }
            JsonPath page = request.get("/api/v1/accounts").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("data.id");
            assertThat(ids.size()).isLessThanOrEqualTo(3);
            seen.addAll(ids);
            more = page.getBoolean("has_more");
            cursor = ids.isEmpty() ? null : ids.getLast();
        }

        assertThat(seen).containsExactlyElementsOf(opened.reversed());
    }

    @Test
    void anUnknownCursorIsAValidationError() {
        assertProblem(ledger.asOps().queryParam("starting_after", "acc_nope").get("/api/v1/accounts"),
                400, "validation_failed", "starting_after");
    }
}

package dev.cutover.ledger.entry;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LedgerIntegrationTest
class ReversalIT {

    @LocalServerPort
    int port;

    LedgerClient ledger;
    String clearing;
    String settlement;

    @BeforeEach
    void accounts() {
        ledger = new LedgerClient(port);
        clearing = ledger.openAccount(LedgerClient.account().type("asset").guarded());
        settlement = ledger.openAccount(LedgerClient.account().type("liability").guarded());
    }

    @Test
    void aReversalPostsTheMirrorEntryOnceAndRestoresTheBalances() {
        String original = ledger.post(LedgerClient.entry().debit(clearing, 4_200).credit(settlement, 4_200))
                .then().statusCode(201).extract().path("id");

        Response reversal = ledger.asOps().post("/api/v1/entries/{id}/reversal", original);

        assertThat(reversal.statusCode()).isEqualTo(201);
        assertThat(reversal.jsonPath().getString("reversal_of")).isEqualTo(original);
        List<Map<String, Object>> lines = reversal.jsonPath().getList("lines");
        assertThat(lines).extracting(l -> l.get("account_id") + ":" + l.get("direction") + ":" + l.get("amount"))
                .containsExactly(clearing + ":credit:4200", settlement + ":debit:4200");
        assertThat(ledger.balance(clearing)).isZero();
        assertThat(ledger.balance(settlement)).isZero();

        Response again = ledger.asOps().post("/api/v1/entries/{id}/reversal", original);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.jsonPath().getString("code")).isEqualTo("already_reversed");
        assertThat(ledger.balance(clearing)).isZero();
    }

    @Test
    void concurrentReversalsOfOneEntryPostOneMirror() {
        String original = ledger.post(LedgerClient.entry().debit(clearing, 300).credit(settlement, 300))
                .then().statusCode(201).extract().path("id");

        List<Integer> statuses = Concurrently.run(10, i -> () ->
                ledger.asService().post("/api/v1/entries/{id}/reversal", original).statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
        assertThat(ledger.balance(clearing)).isZero();
    }

    @Test
    void aReversalCannotItselfBeReversed() {
        String original = ledger.post(LedgerClient.entry().debit(clearing, 50).credit(settlement, 50))
                .then().statusCode(201).extract().path("id");
        String mirror = ledger.asOps().post("/api/v1/entries/{id}/reversal", original).then().statusCode(201).extract().path("id");

        Response response = ledger.asOps().post("/api/v1/entries/{id}/reversal", mirror);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.jsonPath().getString("code")).isEqualTo("already_reversed");
    }

    @Test
    void aReversalThatWouldTakeAGuardedAccountNegativeIsRefused() {
        String expense = ledger.openAccount(LedgerClient.account().type("expense").allowNegative());
        String original = ledger.post(LedgerClient.entry().debit(clearing, 100).credit(settlement, 100))
                .then().statusCode(201).extract().path("id");
        ledger.post(LedgerClient.entry().credit(clearing, 100).debit(expense, 100)).then().statusCode(201);

        Response response = ledger.asOps().post("/api/v1/entries/{id}/reversal", original);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("code")).isEqualTo("insufficient_funds");
    }

    @Test
    void reversingAnUnknownEntryIsNotFound() {
        Response response = ledger.asOps().post("/api/v1/entries/{id}/reversal", "je_doesnotexist");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.jsonPath().getString("code")).isEqualTo("not_found");
    }
}

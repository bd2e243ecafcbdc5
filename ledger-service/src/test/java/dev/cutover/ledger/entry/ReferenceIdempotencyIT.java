package dev.cutover.ledger.entry;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerClient.EntrySpec;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LedgerIntegrationTest
class ReferenceIdempotencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    LedgerClient ledger;
    String cash;
    String revenue;

    @BeforeEach
    void accounts() {
        ledger = new LedgerClient(port);
        cash = ledger.openAccount(LedgerClient.account().type("asset").allowNegative());
        revenue = ledger.openAccount(LedgerClient.account().type("revenue").allowNegative());
    }

    @Test
    void replayingAReferenceReturnsTheOriginalEntryMarkedAsReplayed() {
        EntrySpec entry = LedgerClient.entry().debit(cash, 1_250).credit(revenue, 1_250)
                .description("Order 17").metadata(Map.of("order", "17"));
        Response first = ledger.post(entry);
        Response replay = ledger.post(entry);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isNull();
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(ledger.balance(cash)).isEqualTo(1_250);
    }

    @Test
    void aReferenceReusedWithDifferentLinesIsRefusedAndPostsNothing() {
        EntrySpec original = LedgerClient.entry().debit(cash, 500).credit(revenue, 500);
        ledger.post(original).then().statusCode(201);

        Response reused = ledger.post(LedgerClient.entry().reference(original.reference()).debit(cash, 501).credit(revenue, 501));

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.jsonPath().getString("code")).isEqualTo("idempotency_key_reused");
        assertThat(ledger.balance(cash)).isEqualTo(500);
    }

    @Test
    void aReferenceReusedWithOtherMetadataOrDescriptionIsADifferentEntry() {
        EntrySpec original = LedgerClient.entry().debit(cash, 10).credit(revenue, 10).description("a");
        ledger.post(original).then().statusCode(201);

        Response reused = ledger.post(LedgerClient.entry().reference(original.reference())
                .debit(cash, 10).credit(revenue, 10).description("b"));

        assertThat(reused.statusCode()).isEqualTo(422);
    }

    @Test
    void twentyConcurrentPostsOfOneReferencePostOneEntry() {
        EntrySpec entry = LedgerClient.entry().debit(cash, 777).credit(revenue, 777);

        List<Response> responses = Concurrently.run(20, i -> () -> ledger.post(entry));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        List<String> ids = responses.stream().filter(r -> r.statusCode() == 201).map(r -> r.jsonPath().getString("id")).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(responses.stream().filter(r -> r.header(CutoverHeaders.IDEMPOTENT_REPLAYED) == null && r.statusCode() == 201).count())
                .as("exactly one response created the entry").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE reference = :r").param("r", entry.reference())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(ledger.balance(cash)).isEqualTo(777);
    }
}

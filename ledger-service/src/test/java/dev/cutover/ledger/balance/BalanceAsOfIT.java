package dev.cutover.ledger.balance;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@LedgerIntegrationTest
class BalanceAsOfIT {

    @LocalServerPort
    int port;

    @Test
    void aBalanceAsOfAPastInstantIsTheFoldOfTheEntriesPostedUntilThen() throws InterruptedException {
        LedgerClient ledger = new LedgerClient(port);
        String wallet = ledger.openAccount(LedgerClient.account().type("liability").guarded());
        String bank = ledger.openAccount(LedgerClient.account().type("asset").allowNegative());
        long[] movements = {1_000, -300, 2_500, -1_200, 40};
        List<Instant> postedAt = new ArrayList<>();
        for (long movement : movements) {
            LedgerClient.EntrySpec entry = movement > 0
                    ? LedgerClient.entry().credit(wallet, movement).debit(bank, movement)
                    : LedgerClient.entry().debit(wallet, -movement).credit(bank, -movement);
            postedAt.add(Instant.parse(ledger.post(entry).then().statusCode(201).extract().<String>path("posted_at")));
            Thread.sleep(3); // distinct milliseconds
        }

        Instant beforeAll = postedAt.getFirst().minusMillis(1);
        assertBalanceAsOf(ledger, wallet, beforeAll, 0, 0, 0);
        long balance = 0;
        long debits = 0;
        long credits = 0;
        for (int i = 0; i < movements.length; i++) {
            balance += movements[i];
            if (movements[i] > 0) {
                credits += movements[i];
            } else {
                debits -= movements[i];
            }
            assertBalanceAsOf(ledger, wallet, postedAt.get(i), balance, debits, credits);
        }
        JsonPath now = ledger.asOps().get("/api/v1/balances/{id}", wallet).then().statusCode(200).extract().jsonPath();
        assertThat(now.getLong("balance")).isEqualTo(balance);
        assertThat(now.getString("currency")).isEqualTo("USD");
    }

    @Test
    void anUnparseableAsOfIsAValidationError() {
        LedgerClient ledger = new LedgerClient(port);
        String account = ledger.openAccount(LedgerClient.account());

        JsonPath problem = ledger.asOps().queryParam("as_of", "yesterday").get("/api/v1/balances/{id}", account)
                .then().statusCode(400).extract().jsonPath();

        assertThat(problem.getString("code")).isEqualTo("validation_failed");
        assertThat(problem.getString("errors[0].field")).isEqualTo("as_of");
    }

    private static void assertBalanceAsOf(LedgerClient ledger, String account, Instant asOf, long balance, long debits, long credits) {
        JsonPath body = ledger.asOps().queryParam("as_of", asOf.toString()).get("/api/v1/balances/{id}", account)
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getLong("balance")).as("balance as of %s", asOf).isEqualTo(balance);
        assertThat(body.getLong("debits")).isEqualTo(debits);
        assertThat(body.getLong("credits")).isEqualTo(credits);
        assertThat(Instant.parse(body.getString("as_of"))).isEqualTo(asOf);
    }
}

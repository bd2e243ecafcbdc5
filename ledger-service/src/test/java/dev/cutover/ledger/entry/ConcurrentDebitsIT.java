package dev.cutover.ledger.entry;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@LedgerIntegrationTest
class ConcurrentDebitsIT {

    @LocalServerPort
    int port;

    LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port);
    }

    @ParameterizedTest(name = "{0} concurrent debits of {2} from a guarded account holding {1}")
    @CsvSource({"50, 1000, 70", "40, 500, 100", "64, 999, 1"})
    void exactlyAsManyDebitsSucceedAsTheBalanceCovers(int requests, long balance, long amount) {
        String source = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        String guarded = ledger.openAccount(LedgerClient.account().type("asset").guarded());
        String sink = ledger.openAccount(LedgerClient.account().type("expense").allowNegative());
        ledger.post(LedgerClient.entry().debit(guarded, balance).credit(source, balance)).then().statusCode(201);

        List<Response> responses = Concurrently.run(requests, 32, i -> () ->
                ledger.post(LedgerClient.entry().credit(guarded, amount).debit(sink, amount)));

        long expectedSuccesses = Math.min(requests, balance / amount);
        assertThat(responses.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(expectedSuccesses);
        assertThat(responses).filteredOn(r -> r.statusCode() != 201)
                .allSatisfy(r -> {
                    assertThat(r.statusCode()).isEqualTo(422);
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.jsonPath().getString("code")).isEqualTo("insufficient_funds");
                });
        assertThat(ledger.balance(guarded)).isEqualTo(balance - expectedSuccesses * amount).isNotNegative();
    }
}

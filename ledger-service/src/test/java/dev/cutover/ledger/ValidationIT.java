package dev.cutover.ledger;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.stream.Stream;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of SPEC §1 and §4 answers the right status and code as problem+json, and posts nothing. */
@LedgerIntegrationTest
class ValidationIT {

    @LocalServerPort
    int port;

    LedgerClient ledger;
    static String usd;
    static String usd2;
    static String eur;

    @BeforeEach
    void accounts() {
        ledger = new LedgerClient(port);
        if (usd == null) {
            usd = ledger.openAccount(LedgerClient.account().allowNegative());
            usd2 = ledger.openAccount(LedgerClient.account().type("liability").allowNegative());
            eur = ledger.openAccount(LedgerClient.account().currency("EUR").allowNegative());
        }
    }

    static Stream<Arguments> invalidEntries() {
        return Stream.of(
                Arguments.of("one line only", """
                        {"reference": "%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 10}]}""",
                        400, "validation_failed", "lines"),
                Arguments.of("no lines", """
                        {"reference": "%s", "lines": []}""", 400, "validation_failed", "lines"),
                Arguments.of("amount zero", twoLines("0", "0"), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount negative", twoLines("-5", "-5"), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount too large", twoLines("100000000000", "100000000000"), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount with fraction", twoLines("10.5", "10.5"), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount as float with zero fraction", twoLines("10.0", "10.0"), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount as string", twoLines("\"10\"", "\"10\""), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount as exponent", twoLines("1e3", "1e3"), 400, "validation_failed", "lines[0].amount"),
                Arguments.of("amount missing", """
                        {"reference": "%s", "lines": [{"account_id": "%s", "direction": "debit"},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", "lines[0].amount"),
                Arguments.of("unknown direction", """
                        {"reference": "%s", "lines": [{"account_id": "%s", "direction": "sideways", "amount": 1},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", "lines[0].direction"),
                Arguments.of("unknown top-level field", """
                        {"reference": "%s", "posted_at": "2020-01-01T00:00:00Z", "lines": [{"account_id": "%s", "direction": "debit", "amount": 1},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", "posted_at"),
                Arguments.of("unknown line field", """
                        {"reference": "%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 1, "currency": "USD"},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", "lines[0].currency"),
                Arguments.of("duplicated key", """
                        {"reference": "%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 1, "amount": 2},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", null),
                Arguments.of("unbalanced", twoLines("10", "9"), 422, "unbalanced_entry", null),
                Arguments.of("metadata with a number value", """
                        {"reference": "%s", "metadata": {"k": 1}, "lines": [{"account_id": "%s", "direction": "debit", "amount": 1},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", "metadata.k"),
                Arguments.of("reserved reference", """
                        {"reference": "reversal:%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 1},
                         {"account_id": "%s", "direction": "credit", "amount": 1}]}""", 400, "validation_failed", "reference"));
    }

    private static String twoLines(String debit, String credit) {
        return """
                {"reference": "%%s", "lines": [{"account_id": "%%s", "direction": "debit", "amount": %s},
                 {"account_id": "%%s", "direction": "credit", "amount": %s}]}""".formatted(debit, credit);
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @MethodSource("invalidEntries")
    void invalidEntriesAreRefusedWithTheirCode(String name, String template, int status, String code, String field) {
        String reference = "invalid-" + java.util.UUID.randomUUID();
        Response response = ledger.asService().body(template.formatted(reference, usd, usd2)).post("/api/v1/entries");

        assertProblem(response, status, code, field);
        assertThat(ledger.asService().body(validEntry(reference)).post("/api/v1/entries").statusCode())
                .as("the refused reference is still free").isEqualTo(201);
    }

    @Test
    void linesInTwoCurrenciesAreACurrencyMismatch() {
        Response response = ledger.asService().body("""
                {"reference": "mix-%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 5},
                 {"account_id": "%s", "direction": "credit", "amount": 5}]}""".formatted(java.util.UUID.randomUUID(), usd, eur))
                .post("/api/v1/entries");

        assertProblem(response, 422, "currency_mismatch", null);
    }

    @Test
    void aLineOnAnUnknownAccountIsNotFound() {
        Response response = ledger.asService().body("""
                {"reference": "ghost-%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 5},
                 {"account_id": "acc_ghost", "direction": "credit", "amount": 5}]}""".formatted(java.util.UUID.randomUUID(), usd))
                .post("/api/v1/entries");

        assertProblem(response, 404, "not_found", "lines[1].account_id");
    }

    static Stream<Arguments> invalidAccounts() {
        return Stream.of(
                Arguments.of("{\"name\": \"x\", \"currency\": \"usd\", \"type\": \"asset\"}", "currency"),
                Arguments.of("{\"name\": \"x\", \"currency\": \"XXX\", \"type\": \"asset\"}", "currency"),
                Arguments.of("{\"name\": \"x\", \"currency\": \"SEK\", \"type\": \"asset\"}", "currency"),
                Arguments.of("{\"name\": \"x\", \"currency\": \"USD\", \"type\": \"cash\"}", "type"),
                Arguments.of("{\"name\": \"\", \"currency\": \"USD\", \"type\": \"asset\"}", "name"),
                Arguments.of("{\"currency\": \"USD\", \"type\": \"asset\"}", "name"),
                Arguments.of("{\"name\": \"x\", \"currency\": \"USD\", \"type\": \"asset\", \"allow_negative\": \"yes\"}", "allow_negative"),
                Arguments.of("{\"name\": \"x\", \"currency\": \"USD\", \"type\": \"asset\", \"normal_balance\": \"credit\"}", "normal_balance"),
                Arguments.of("{\"name\": \"x\", \"currency\": 840, \"type\": \"asset\"}", "currency"),
                Arguments.of("[]", ""),
                Arguments.of("{\"name\": \"x\", ", ""));
    }

    @ParameterizedTest(name = "account {0}")
    @MethodSource("invalidAccounts")
    void invalidAccountsAreRefused(String body, String field) {
        Response response = ledger.asService().body(body).post("/api/v1/accounts");

        assertProblem(response, 400, "validation_failed", field);
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5"})
    void aLimitOutOfRangeIsRefused(String limit) {
        assertProblem(ledger.asOps().queryParam("limit", limit).get("/api/v1/accounts"), 400, "validation_failed", "limit");
        assertProblem(ledger.asOps().queryParam("limit", limit).get("/api/v1/accounts/{id}/entries", usd), 400, "validation_failed", "limit");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Response response = ledger.asService().contentType("text/plain").body("hello").post("/api/v1/entries");

        assertProblem(response, 415, "unsupported_media_type", null);
    }

    @Test
    void anUnknownPathIsNotFoundAsAProblem() {
        assertProblem(ledger.asOps().get("/api/v1/nothing-here"), 404, "not_found", null);
    }

    private String validEntry(String reference) {
        return """
                {"reference": "%s", "lines": [{"account_id": "%s", "direction": "debit", "amount": 1},
                 {"account_id": "%s", "direction": "credit", "amount": 1}]}""".formatted(reference, usd, usd2);
    }
}

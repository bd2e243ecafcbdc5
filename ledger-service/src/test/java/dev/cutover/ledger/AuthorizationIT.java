package dev.cutover.ledger;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.TestTokens;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.stream.Stream;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Tokens, scopes and ownership: who may do what, and that other owners' data does not exist for you. */
@LedgerIntegrationTest
class AuthorizationIT {

    @LocalServerPort
    int port;

    LedgerClient ledger;
    String alice = "usr_alice" + System.nanoTime();
    String bob = "usr_bob" + System.nanoTime();
    String aliceWallet;
    String bobWallet;
    String aliceEntry;

    @BeforeEach
    void walletsOfTwoOwners() {
        ledger = new LedgerClient(port);
        String bank = ledger.openAccount(LedgerClient.account().allowNegative());
        aliceWallet = ledger.openAccount(LedgerClient.account().type("liability").owner(alice).guarded());
        bobWallet = ledger.openAccount(LedgerClient.account().type("liability").owner(bob).guarded());
        aliceEntry = ledger.post(LedgerClient.entry().debit(bank, 100).credit(aliceWallet, 100))
                .then().statusCode(201).extract().path("id");
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", TestTokens.expired("usr_x", Scope.OPS)),
                Arguments.of("forged", TestTokens.forged("usr_x", Scope.OPS)),
                Arguments.of("foreign issuer", TestTokens.foreignIssuer("usr_x", Scope.OPS)),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("badTokens")
    void anInvalidTokenIsUnauthorized(String name, String token) {
        Response response = ledger.as(token).get("/api/v1/accounts/{id}", aliceWallet);

        assertProblem(response, 401, "unauthorized", null);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aMissingTokenIsUnauthorized() {
        Response response = ledger.anonymous().get("/api/v1/accounts");

        assertProblem(response, 401, "unauthorized", null);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void usersCannotPostEntriesOpenAccountsReverseOrCheckIntegrity() {
        String user = TestTokens.user(alice);
        assertProblem(ledger.as(user).body(LedgerClient.entry().debit(aliceWallet, 1).credit(bobWallet, 1).body())
                .post("/api/v1/entries"), 403, "forbidden", null);
        assertProblem(ledger.as(user).body(LedgerClient.account().body()).post("/api/v1/accounts"), 403, "forbidden", null);
        assertProblem(ledger.as(user).post("/api/v1/entries/{id}/reversal", aliceEntry), 403, "forbidden", null);
        assertProblem(ledger.as(user).get("/api/v1/ledger/integrity"), 403, "forbidden", null);
        assertProblem(ledger.asService().get("/api/v1/ledger/integrity"), 403, "forbidden", null);
        assertThat(ledger.balance(aliceWallet)).isEqualTo(100);
    }

    @Test
    void aTokenWithoutAnyScopeIsForbidden() {
        assertProblem(ledger.as(TestTokens.mint(alice)).get("/api/v1/accounts/{id}", aliceWallet), 403, "forbidden", null);
    }

    @Test
    void anOwnerSeesTheirOwnAccountBalanceAndEntries() {
        String user = TestTokens.user(alice);
        assertThat(ledger.as(user).get("/api/v1/accounts/{id}", aliceWallet).statusCode()).isEqualTo(200);
        assertThat(ledger.as(user).get("/api/v1/balances/{id}", aliceWallet).then().statusCode(200).extract().<Integer>path("balance"))
                .isEqualTo(100);
        assertThat(ledger.as(user).get("/api/v1/entries/{id}", aliceEntry).statusCode()).isEqualTo(200);
        List<String> entries = ledger.as(user).get("/api/v1/accounts/{id}/entries", aliceWallet)
                .then().statusCode(200).extract().path("data.id");
        assertThat(entries).containsExactly(aliceEntry);
        List<String> accounts = ledger.as(user).get("/api/v1/accounts").then().statusCode(200).extract().path("data.id");
        assertThat(accounts).containsExactly(aliceWallet);
    }

    @Test
    void anotherOwnersAccountBalanceAndEntriesAreNotFound() {
        String user = TestTokens.user(bob);
        assertProblem(ledger.as(user).get("/api/v1/accounts/{id}", aliceWallet), 404, "not_found", null);
        assertProblem(ledger.as(user).get("/api/v1/balances/{id}", aliceWallet), 404, "not_found", null);
        assertProblem(ledger.as(user).get("/api/v1/entries/{id}", aliceEntry), 404, "not_found", null);
        assertProblem(ledger.as(user).get("/api/v1/accounts/{id}/entries", aliceWallet), 404, "not_found", null);
        List<String> filtered = ledger.as(user).queryParam("owner_id", alice).get("/api/v1/accounts")
                .then().statusCode(200).extract().path("data.id");
        assertThat(filtered).isEmpty();
    }

    @Test
    void theUnknownAndTheForbiddenLookAlike() {
        String user = TestTokens.user(bob);
        Response forbidden = ledger.as(user).get("/api/v1/accounts/{id}", aliceWallet);
        Response unknown = ledger.as(user).get("/api/v1/accounts/{id}", "acc_nosuchaccount");

        assertThat(forbidden.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(forbidden.jsonPath().getString("detail")).isEqualTo(unknown.jsonPath().getString("detail"));
    }

    @Test
    void actuatorDetailsNeedOpsButProbesAreOpen() {
        assertThat(ledger.anonymous().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(ledger.anonymous().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(ledger.anonymous().get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(ledger.as(TestTokens.user(alice)).get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(ledger.asOps().get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(ledger.asOps().get("/actuator/env").statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesARequestIdAndEchoesTheCallersOne() {
        assertThat(ledger.asOps().get("/api/v1/accounts").header("X-Request-Id")).isNotBlank();
        assertThat(ledger.asOps().header("X-Request-Id", "req-123").get("/api/v1/accounts").header("X-Request-Id")).isEqualTo("req-123");
        assertThat(ledger.anonymous().header("X-Request-Id", "bad id\twith tab").get("/api/v1/accounts").header("X-Request-Id"))
                .isNotEqualTo("bad id\twith tab").isNotBlank();
    }
}

package dev.cutover.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The smoke test's contract check notices what the services would refuse. */
class ContractCheckTest {

    private static final ContractCheck CONTRACT = ContractCheck.load();
    private static final Map<String, String> JSON_WITH_TOKEN = Map.of("Content-Type", "application/json", "Authorization", "Bearer t");

    @Test
    void aWellFormedTransactionPasses() {
        assertThat(CONTRACT.problems("POST", "/api/v1/transactions", withKey(),
                "{\"amount\": 1250, \"currency\": \"USD\", \"payment_method_id\": \"pm_1\", \"description\": \"x\"}")).isEmpty();
    }

    @Test
    void anUnknownOrMissingFieldIsAProblem() {
        assertThat(CONTRACT.problems("POST", "/api/v1/transactions", JSON_WITH_TOKEN,
                "{\"amount\": 1250, \"currency\": \"USD\", \"payment_method\": \"pm_1\"}"))
                .anyMatch(p -> p.contains("unknown field payment_method"))
                .anyMatch(p -> p.contains("missing required field payment_method_id"));
    }

    @Test
    void wrongTypesAndEnumsAreProblems() {
        assertThat(CONTRACT.problems("POST", "/api/v1/entries", JSON_WITH_TOKEN,
                "{\"reference\": \"r\", \"lines\": [{\"account_id\": \"acc_1\", \"direction\": \"left\", \"amount\": 1.5}, "
                        + "{\"account_id\": \"acc_2\", \"direction\": \"credit\", \"amount\": 1}]}"))
                .anyMatch(p -> p.contains("lines[0].direction"))
                .anyMatch(p -> p.contains("lines[0].amount: must be an integer"));
    }

    @Test
    void aProtectedOperationNeedsABearerToken() {
        assertThat(CONTRACT.problems("GET", "/api/v1/transactions/txn_1", Map.of(), null)).anyMatch(p -> p.contains("bearer"));
        assertThat(CONTRACT.problems("POST", "/api/v1/auth/token", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=password&email=a%40example.com&password=secret")).isEmpty();
    }

    @Test
    void undeclaredPathsQueryParametersAndIdempotencyKeysAreProblems() {
        assertThat(CONTRACT.problems("GET", "/api/v1/transfers", JSON_WITH_TOKEN, null)).anyMatch(p -> p.contains("no such path"));
        assertThat(CONTRACT.problems("GET", "/api/v1/transactions?limit=500&page=2", JSON_WITH_TOKEN, null))
                .anyMatch(p -> p.contains("limit: above 100"))
                .anyMatch(p -> p.contains("query parameter page"));
        assertThat(CONTRACT.problems("POST", "/api/v1/verifications/ver_1/decision", withKey(),
                "{\"decision\": \"approved\", \"reason\": \"ok\"}")).anyMatch(p -> p.contains("Idempotency-Key"));
    }

    private static Map<String, String> withKey() {
        return Map.of("Content-Type", "application/json", "Authorization", "Bearer t", "Idempotency-Key", "k1");
    }
}

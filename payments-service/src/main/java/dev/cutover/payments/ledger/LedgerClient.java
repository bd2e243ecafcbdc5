package dev.cutover.payments.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.List;
import java.util.Map;

/** The ledger's accounts and entries API, behind the {@value #INSTANCE} circuit breaker. */
@Component
class LedgerClient {

    static final String INSTANCE = "ledger";

    private final RestClient http;

    LedgerClient(@Qualifier("ledgerRestClient") RestClient http) {
        this.http = http;
    }

    record AccountCreate(String name, String currency, String type, boolean allowNegative) {
    }

    /** Only the fields this service reads; the peer may send more. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Account(String id) {
    }

    record Line(String accountId, String direction, long amount) {
    }

    record EntryCreate(String reference, String description, List<Line> lines, Map<String, String> metadata) {
    }

    /** Only the fields this service reads; the peer may send more. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, String reference) {
    }

    @CircuitBreaker(name = INSTANCE)
    public String openAccount(String idempotencyKey, AccountCreate account) {
        return call(() -> http.post().uri("/api/v1/accounts")
                .header("Idempotency-Key", idempotencyKey)
                .body(account)
                .exchange((request, response) -> {
                    requireSuccess(response.getStatusCode().value(), "open account " + idempotencyKey);
                    return response.bodyTo(Account.class).id();
                }));
    }

    /** Posts an entry; a replay of its reference counts as success. Returns the entry id. */
    @CircuitBreaker(name = INSTANCE)
    public String post(EntryCreate entry) {
        return call(() -> http.post().uri("/api/v1/entries")
                .body(entry)
                .exchange((request, response) -> {
                    requireSuccess(response.getStatusCode().value(), "post " + entry.reference());
                    return response.bodyTo(Entry.class).id();
                }));
    }

    private static void requireSuccess(int status, String what) {
        // 409: the ledger is still working on an earlier attempt of this very call (its idempotency key is in use)
        if (status >= 500 || status == 429 || status == 409) {
            throw new LedgerUnavailable("ledger answered " + status + " to " + what, null);
        }
        if (status >= 400) {
            throw new LedgerRejected("ledger refused to " + what + " with " + status);
        }
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException unreachable) {
            throw new LedgerUnavailable("ledger unreachable", unreachable);
        }
    }
}

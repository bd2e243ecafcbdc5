package dev.cutover.ledger.support;

import dev.cutover.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Drives the ledger's public API over HTTP, with test data builders that default everything not under test. */
public final class LedgerClient {

    private final int port;

    public LedgerClient(int port) {
        this.port = port;
    }

    public RequestSpecification as(String token) {
        return RestAssured.given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    public RequestSpecification asService() {
        return as(TestTokens.service());
    }

    public RequestSpecification asOps() {
        return as(TestTokens.ops());
    }

    public RequestSpecification anonymous() {
        return RestAssured.given().port(port).contentType(ContentType.JSON);
    }

    /** Opens an account and returns its id. */
    public String openAccount(AccountSpec spec) {
        return asService().body(spec.body()).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
    }

    public Response post(EntrySpec entry) {
        return asService().body(entry.body()).post("/api/v1/entries");
    }

    /** Posts the entries as one batch to the internal batch endpoint. */
    public Response postBatch(List<EntrySpec> entries) {
        return asService().body(Map.of("entries", entries.stream().map(EntrySpec::body).toList())).post("/internal/v1/entries/batch");
    }

    public long balance(String accountId) {
        return ((Number) asOps().get("/api/v1/balances/{id}", accountId).then().statusCode(200)
                .extract().path("balance")).longValue();
    }

    public static AccountSpec account() {
        return new AccountSpec();
    }

    public static EntrySpec entry() {
        return new EntrySpec();
    }

    /** An account to open: by default an unguarded USD asset account without owner. */
    public static final class AccountSpec {
        private final Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "name", "Test account " + UUID.randomUUID(), "currency", "USD", "type", "asset"));

        public AccountSpec currency(String currency) {
            body.put("currency", currency);
            return this;
        }

        public AccountSpec type(String type) {
            body.put("type", type);
            return this;
        }

        public AccountSpec guarded() {
            body.put("allow_negative", false);
            return this;
        }

        public AccountSpec allowNegative() {
            body.put("allow_negative", true);
            return this;
        }

        public AccountSpec owner(String ownerId) {
            body.put("owner_id", ownerId);
            return this;
        }

        public Map<String, Object> body() {
            return body;
        }
    }

    /** An entry to post: by default a fresh reference and no lines. */
    public static final class EntrySpec {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final List<Map<String, Object>> lines = new ArrayList<>();

        EntrySpec() {
            body.put("reference", "ref-" + UUID.randomUUID());
            body.put("lines", lines);
        }

        public EntrySpec reference(String reference) {
            body.put("reference", reference);
            return this;
        }

        public EntrySpec debit(String accountId, long amount) {
            lines.add(Map.of("account_id", accountId, "direction", "debit", "amount", amount));
            return this;
        }

        public EntrySpec credit(String accountId, long amount) {
            lines.add(Map.of("account_id", accountId, "direction", "credit", "amount", amount));
            return this;
        }

        public EntrySpec description(String description) {
            body.put("description", description);
            return this;
        }

        public EntrySpec metadata(Map<String, String> metadata) {
            body.put("metadata", metadata);
            return this;
        }

        public String reference() {
            return (String) body.get("reference");
        }

        public Map<String, Object> body() {
            return body;
        }
    }
}

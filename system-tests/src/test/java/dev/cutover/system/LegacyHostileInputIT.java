package dev.cutover.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of malformed requests against the monolith — wrong types, missing, null and unknown fields, huge and
 * negative amounts, bad JSON, wrong content types, oversized bodies, NUL bytes, bad tokens, bad query parameters —
 * each answered as a client error: never a 5xx, always {@code application/problem+json}, never a stack trace, SQL or
 * a framework's error page.
 */
class LegacyHostileInputIT {

    /** What must never reach a client: tracebacks, SQL, driver and framework internals. */
    private static final Pattern LEAK = Pattern.compile(
            "Traceback|File \"|\\.py\"|django\\.|psycopg|rest_framework|SELECT |INSERT |UPDATE |Exception|<html|DEBUG",
            Pattern.CASE_INSENSITIVE);

    static Suite suite;
    static Api.User user;
    static String ops;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void callers() {
        suite = Suite.get();
        Api api = new Api(suite.legacy().baseUrl());
        user = api.signUp();
        ops = api.opsToken();
    }

    record Probe(String description, String method, String path, String contentType, byte[] body, String authorization) {
    }

    @Test
    void everyMalformedRequestIsAProblemNeverAServerError() throws IOException, InterruptedException {
        List<Probe> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);

        List<String> failures = new ArrayList<>();
        for (Probe probe : corpus) {
            HttpResponse<String> answer = send(probe);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (answer.statusCode() >= 500) {
                failures.add(probe.description() + " → " + answer.statusCode() + " " + answer.body());
            } else if (answer.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
                failures.add(probe.description() + " → " + answer.statusCode() + " as " + type);
            } else if (LEAK.matcher(answer.body()).find()) {
                failures.add(probe.description() + " → leaks " + answer.body());
            }
        }
        assertThat(failures).as("of %d probes", corpus.size()).isEmpty();
    }

    private static List<Probe> corpus() {
        String userToken = "Bearer " + user.token();
        String opsToken = "Bearer " + ops;
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("sign-up", new Endpoint("/api/v1/users", null, Map.of("email", "\"x@example.com\"",
                "password", "\"correct horse battery\"", "full_name", "\"Ann\"", "country", "\"DE\"", "date_of_birth", "\"1990-01-02\"")));
        endpoints.put("token", new Endpoint("/api/v1/auth/token", null, Map.of("grant_type", "\"password\"",
                "email", "\"x@example.com\"", "password", "\"correct horse battery\"")));
        endpoints.put("kyc", new Endpoint("/api/v1/kyc-records", userToken, Map.of("document_type", "\"passport\"",
                "document_number", "\"X1234567\"", "issuing_country", "\"DE\"", "expires_on", "\"2034-01-01\"")));
        endpoints.put("verification", new Endpoint("/api/v1/verifications", userToken, Map.of("kyc_record_id", "\"kyc_x\"")));
        endpoints.put("decision", new Endpoint("/api/v1/verifications/ver_x/decision", opsToken,
                Map.of("decision", "\"approved\"", "reason", "\"ok\"")));
        endpoints.put("card", new Endpoint("/api/v1/payment-methods", userToken, Map.of("type", "\"card\"", "token", "\"tok_visa_4242\"")));
        endpoints.put("payment", new Endpoint("/api/v1/transactions", userToken, Map.of("amount", "1250", "currency", "\"USD\"",
                "payment_method_id", "\"pm_test_visa_4242\"", "description", "\"d\"", "metadata", "{\"a\": \"b\"}")));
        endpoints.put("refund", new Endpoint("/api/v1/refunds", userToken, Map.of("transaction_id", "\"txn_x\"", "amount", "10",
                "reason", "\"r\"")));
        endpoints.put("account", new Endpoint("/api/v1/accounts", opsToken, Map.of("name", "\"Cash\"", "currency", "\"USD\"",
                "type", "\"asset\"", "owner_id", "\"usr_x\"", "allow_negative", "false")));
        endpoints.put("entry", new Endpoint("/api/v1/entries", opsToken, Map.of("reference", "\"r-1\"", "lines",
                "[{\"account_id\": \"acc_x\", \"direction\": \"debit\", \"amount\": 5}, {\"account_id\": \"acc_y\", \"direction\": \"credit\", \"amount\": 5}]")));

        List<String> wrongValues = List.of("null", "\"\"", "\"x\"", "0", "-1", "1.5", "1e400", "99999999999999999999999",
                "true", "[]", "{}", "[1, 2]", "{\"k\": 1}", "\"" + "a".repeat(10_000) + "\"", "\"\\u0000\"", "\"a\\u0000b\"",
                "\"\\ud800\"", "\"\\u001b[31m\"", "\"4242 4242 4242 4242\"");
        List<Probe> corpus = new ArrayList<>();
        endpoints.forEach((name, endpoint) -> {
            for (String field : endpoint.fields().keySet()) {
                corpus.add(json(name + " without " + field, endpoint, endpoint.without(field)));
                for (String wrong : wrongValues) {
                    corpus.add(json(name + " " + field + "=" + abbreviated(wrong), endpoint, endpoint.with(field, wrong)));
                }
            }
            corpus.add(json(name + " with an unknown field", endpoint, endpoint.with("unexpected", "1")));
            for (String malformed : List.of("", "{", "[]", "null", "\"text\"", "42", "{\"a\":}", "{\"a\": 1,}", "{'a': 1}",
                    "{\"a\": NaN}", "{\"a\": 1} {\"b\": 2}", "[".repeat(50_000), "{\"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                    endpoint.body().replace("{", "{\"dup\": 1, \"dup\": 2, "))) {
                corpus.add(json(name + " body " + abbreviated(malformed), endpoint, malformed));
            }
            corpus.add(new Probe(name + " invalid UTF-8", "POST", endpoint.path(), "application/json",
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}, endpoint.token()));
            for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")) {
                corpus.add(new Probe(name + " as " + type, "POST", endpoint.path(), type, endpoint.body().getBytes(StandardCharsets.UTF_8),
                        endpoint.token()));
            }
            corpus.add(new Probe(name + " without a content type", "POST", endpoint.path(), null,
                    endpoint.body().getBytes(StandardCharsets.UTF_8), endpoint.token()));
            corpus.add(new Probe(name + " of 2 MiB", "POST", endpoint.path(), "application/json",
                    ("{\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), endpoint.token()));
            if (endpoint.token() != null) {
                for (String authorization : badAuthorizations()) {
                    corpus.add(new Probe(name + " authorized by " + abbreviated(authorization), "POST", endpoint.path(), "application/json",
                            endpoint.body().getBytes(StandardCharsets.UTF_8), authorization));
                }
            }
        });
        for (String path : List.of("/api/v1/transactions", "/api/v1/refunds", "/api/v1/payment-methods", "/api/v1/accounts",
                "/api/v1/accounts/acc_x/entries")) {
            String token = path.contains("accounts") ? opsToken : userToken;
            for (String query : List.of("limit=abc", "limit=-1", "limit=0", "limit=101", "limit=1e3", "limit=99999999999",
                    "limit=%00", "starting_after=%00", "starting_after=x%00y", "starting_after=" + "z".repeat(5_000),
                    "status=%00", "transaction_id=%00", "owner_id=%00", "limit=1&limit=2")) {
                corpus.add(new Probe("GET " + path + "?" + abbreviated(query), "GET", path + "?" + query, null, null, token));
            }
        }
        for (String path : List.of("/api/v1/transactions/%00", "/api/v1/transactions/txn_%00", "/api/v1/refunds/re_%00x",
                "/api/v1/users/usr_%00", "/api/v1/kyc-records/%00", "/api/v1/verifications/ver_%00", "/api/v1/accounts/acc_%00",
                "/api/v1/entries/je_%00", "/api/v1/balances/acc_%00", "/api/v1/balances/acc_x?as_of=yesterday",
                "/api/v1/balances/acc_x?as_of=%00", "/api/v1/transactions/" + "t".repeat(5_000), "/api/v1/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/transactions/..%2f..%2f")) {
            corpus.add(new Probe("GET " + abbreviated(path), "GET", path, null, null, path.contains("acc") || path.contains("je_")
                    || path.contains("kyc") || path.contains("ver_") ? opsToken : userToken));
        }
        for (String method : List.of("PUT", "PATCH", "DELETE", "TRACE")) {
            corpus.add(new Probe(method + " /api/v1/transactions", method, "/api/v1/transactions", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), userToken));
        }
        return corpus;
    }

    private static List<String> badAuthorizations() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + user.id() + "\",\"scope\":\"user ops\",\"iss\":\"" + Suite.ISSUER + "\",\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8));
        String[] parts = user.token().split("\\.");
        return List.of("Bearer", "Bearer ", "Bearer x.y.z", "Bearer " + header + "." + claims + ".", "Basic dXNlcjpwYXNz",
                "Bearer " + parts[0] + "." + claims + "." + parts[2], "Bearer " + "a".repeat(6_000), "bearer\t" + user.token(),
                "Bearer " + user.token() + "x");
    }

    private static Probe json(String description, Endpoint endpoint, String body) {
        return new Probe(description, "POST", endpoint.path(), "application/json", body.getBytes(StandardCharsets.UTF_8), endpoint.token());
    }

    private static HttpResponse<String> send(Probe probe) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(probe.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.legacy().baseUrl() + probe.path()))
                .timeout(Duration.ofSeconds(30)).method(probe.method(), body);
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        if (probe.authorization() != null) {
            request.header("Authorization", probe.authorization());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviated(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + text.length() + ")" : shown;
    }

    /** A creating endpoint and a valid body of it, as JSON members, to mutate one member at a time. */
    record Endpoint(String path, String token, Map<String, String> fields) {

        String body() {
            return render(fields);
        }

        String without(String field) {
            Map<String, String> rest = new LinkedHashMap<>(fields);
            rest.remove(field);
            return render(rest);
        }

        String with(String field, String value) {
            Map<String, String> changed = new LinkedHashMap<>(fields);
            changed.put(field, value);
            return render(changed);
        }

        private static String render(Map<String, String> members) {
            StringBuilder json = new StringBuilder("{");
            members.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "").append('"').append(name).append("\": ").append(value));
            return json.append('}').toString();
        }
    }
}

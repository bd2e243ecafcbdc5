package dev.cutover.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Verified customers made before the load starts, each with a card payment method and a fresh access token:
 * signed up, KYC record submitted, verification asked for and approved by ops, card registered from a vault
 * token. All through the gateway, as a mobile client and an ops console would.
 */
final class Customers {

    static final String PASSWORD = "load-test-password-123";

    /** One prepared customer; {@code token} lives 15 minutes, longer than any window. */
    record Customer(String userId, String email, String token, String paymentMethodId) {

        Map<String, Object> asFeed() {
            return Map.of("userId", userId, "email", email, "password", PASSWORD, "token", token, "paymentMethodId", paymentMethodId);
        }
    }

    private Customers() {
    }

    /**
     * {@code count} new verified customers, made {@code parallelism} at a time (sign-up and sign-in hash with
     * Argon2id, which is what bounds this).
     */
    static List<Customer> prepare(SetupClient api, int count, int parallelism) {
        String ops = api.clientToken(Knobs.string("opsClientId", "ops-console"), Knobs.string("opsClientSecret", "local-ops-console-secret"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism))) {
            List<Future<Customer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String email = "load-" + run + "-" + i + "@example.com";
                futures.add(pool.submit(() -> prepareOne(api, email, ops)));
            }
            List<Customer> customers = new ArrayList<>();
            for (Future<Customer> future : futures) {
                customers.add(future.get());
            }
            System.out.printf("Set-up: %d verified customers with a card in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
            return customers;
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare customers: " + rootMessage(e), e);
        }
    }

    private static Customer prepareOne(SetupClient api, String email, String ops) {
        String userId = api.post("/api/v1/users", null, Map.of("email", email, "password", PASSWORD, "full_name", "Load Test",
                "country", "CH", "date_of_birth", "1990-04-01"), 201).path("id").asText();
        String token = api.signIn(email, PASSWORD);
        String record = api.post("/api/v1/kyc-records", token, Map.of("document_type", "passport",
                "document_number", "L" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999),
                "issuing_country", "CH", "expires_on", "2035-01-01"), 201).path("id").asText();
        String verification = api.post("/api/v1/verifications", token, Map.of("kyc_record_id", record), 201).path("id").asText();
        api.post("/api/v1/verifications/" + verification + "/decision", ops, Map.of("decision", "approved", "reason", "load test customer"), 200);
        String paymentMethod = api.post("/api/v1/payment-methods", token, Map.of("type", "card", "token", "tok_visa_4242"), 201)
                .path("id").asText();
        return new Customer(userId, email, token, paymentMethod);
    }

    /** Creates {@code perCustomer} transactions for each customer; the (token, transaction id) pairs to read. */
    static List<Map<String, Object>> transactionsOf(SetupClient api, List<Customer> customers, int perCustomer) {
        List<Map<String, Object>> reads = new ArrayList<>();
        for (Customer customer : customers) {
            for (int i = 0; i < perCustomer; i++) {
                JsonNode txn = api.post("/api/v1/transactions", customer.token(), Map.of("amount", 1000 + i, "currency", "USD",
                        "payment_method_id", customer.paymentMethodId(), "description", "load test read fixture"), 201);
                reads.add(Map.of("token", customer.token(), "transactionId", txn.path("id").asText()));
            }
        }
        return reads;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}

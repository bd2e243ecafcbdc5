package dev.cutover.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration under way (SPEC §7): 20 customers do 2 100 random operations — payments, partial refunds, reads of
 * one payment and of their list — through the gateway while ops move the weights 6 times, the kill switch
 * included, on the suite whose services sync with the monolith. After every move each customer's first read lists
 * every payment the gateway had acknowledged to them before it; at the end both sides hold the same data, with no
 * row twice, and both ledgers are whole.
 */
class MovingWeightsIT {

    private static final int CUSTOMERS = 20;
    private static final int OPERATIONS_PER_PHASE = 15;
    /** Seven phases, with a move before each but the first: weights of identity, payments, ledger, or the kill switch. */
    private static final int[][] MOVES = {{0, 0, 0}, {0, 40, 0}, {100, 40, 100}, {100, 100, 100}, null, {60, 60, 60},
        {100, 100, 100}};

    final Suite suite = Suite.synced();
    final Api api = new Api(suite);
    final SyncedOps ops = new SyncedOps(suite);
    private final Random random = new Random(20261202);
    private final AtomicInteger operations = new AtomicInteger();
    private final AtomicInteger refusedWhileHeld = new AtomicInteger();

    /** One customer: their token and what the gateway acknowledged to them. */
    private static final class Customer {
        final Api.User user;
        final String card;
        final Random random;
        final List<String> payments = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Long> refundable = new ConcurrentHashMap<>();
        /** Payments this customer refunded, all or part: what is left of them is known here, not read back. */
        final java.util.Set<String> refunded = ConcurrentHashMap.newKeySet();

        Customer(Api.User user, String card, long seed) {
            this.user = user;
            this.card = card;
            this.random = new Random(seed);
        }
    }

    @AfterEach
    void everyDomainBackOnTheNewSide() {
        ops.allWeights(100, "back to new after the moving weights");
    }

    @Test
    void twoThousandOperationsWhileTheWeightsMoveLeaveBothSidesEqualAndEveryCallerSeesTheirOwnWrites() throws Exception {
        Timer holds = suite.gatewayBean(MeterRegistry.class).get("cutover.gateway.hold").timer();
        long heldBefore = holds.count();
        move(MOVES[0]);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            Api.User user = api.signUp();
            api.verify(user);
            String card = api.as(user.token()).body(Map.of("type", "card", "token", "tok_visa_4242"))
                    .post("/api/v1/payment-methods").then().statusCode(201).extract().path("id");
            customers.add(new Customer(user, card, random.nextLong()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(CUSTOMERS);
        try {
            for (int phase = 0; phase < MOVES.length; phase++) {
                if (phase > 0) {
                    move(MOVES[phase]);
                    everyoneSeesTheirOwnPayments(pool, customers, phase);
                }
                List<Future<?>> running = new ArrayList<>();
                for (Customer customer : customers) {
                    running.add(pool.submit(() -> {
                        for (int op = 0; op < OPERATIONS_PER_PHASE; op++) {
                            operate(customer);
                        }
                        return null;
                    }));
                }
                for (Future<?> done : running) {
                    done.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(operations.get()).isGreaterThanOrEqualTo(2_000);
        assertThat(holds.count() - heldBefore).as("moved requests the gateway held for the sync").isPositive();
        System.out.printf("moving weights: %d operations, %d requests held after moves (P99 %.0f ms), %d answered 503 and retried%n",
                operations.get(), holds.count() - heldBefore, holds.percentile(0.99, java.util.concurrent.TimeUnit.MILLISECONDS),
                refusedWhileHeld.get());

        ops.awaitReconciled(Duration.ofSeconds(90));
        for (Customer customer : customers) {
            assertThat(count(suite.database(), "SELECT count(*) FROM payments.transactions WHERE user_id = '" + customer.user.id() + "'"))
                    .as("payments of %s on new", customer.user.id()).isEqualTo(customer.payments.size());
            assertThat(count(suite.legacy().database(), "SELECT count(*) FROM payments_transaction WHERE user_id = '"
                    + customer.user.id() + "'")).as("payments of %s on legacy", customer.user.id()).isEqualTo(customer.payments.size());
        }
        ops.assertLedgersWhole();
        assertThat(count(suite.database(), "SELECT count(*) FROM ledger.sync_conflicts")).isZero();
        assertThat(count(suite.legacy().database(), "SELECT count(*) FROM ledger_sync_conflict")).isZero();
    }

    /** One random operation of a customer: a payment (40 %), a partial refund (20 %), or a read (40 %). */
    private void operate(Customer customer) {
        int dice = customer.random.nextInt(100);
        if (dice < 40) {
            long amount = 100 + customer.random.nextInt(4_900);
            String key = "mw" + letters(customer.random, 20);
            Response created = untilNotHeld(() -> api.as(customer.user.token()).header("Idempotency-Key", key)
                    .body(Map.of("amount", amount, "currency", "USD", "payment_method_id", customer.card))
                    .post("/api/v1/transactions"));
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            customer.payments.add(created.path("id"));
        } else if (dice < 60 && !customer.refundable.isEmpty()) {
            List<String> ids = new ArrayList<>(customer.refundable.keySet());
            String txn = ids.get(customer.random.nextInt(ids.size()));
            long left = customer.refundable.get(txn);
            long amount = 1 + customer.random.nextInt((int) Math.min(left, 500));
            Response refund = untilNotHeld(() -> api.as(customer.user.token()).header("Idempotency-Key", "mw" + letters(customer.random, 20))
                    .body(Map.of("transaction_id", txn, "amount", amount, "reason", "random refund"))
                    .post("/api/v1/refunds"));
            assertThat(refund.statusCode()).as(refund.asString()).isEqualTo(201);
            customer.refunded.add(txn);
            if (left - amount <= 0) {
                customer.refundable.remove(txn);
            } else {
                customer.refundable.put(txn, left - amount);
            }
        } else if (!customer.payments.isEmpty() && customer.random.nextBoolean()) {
            String txn = customer.payments.get(customer.random.nextInt(customer.payments.size()));
            Response read = untilNotHeld(() -> api.as(customer.user.token()).get("/api/v1/transactions/{id}", txn));
            assertThat(read.statusCode()).as("a payment acknowledged to its customer reads back").isEqualTo(200);
            noteRefundable(customer, read.jsonPath().getMap(""));
        } else {
            Response list = untilNotHeld(() -> api.as(customer.user.token()).queryParam("limit", 100).get("/api/v1/transactions"));
            assertThat(list.statusCode()).isEqualTo(200);
            for (Map<String, Object> txn : list.jsonPath().<Map<String, Object>>getList("data")) {
                noteRefundable(customer, txn);
            }
        }
        operations.incrementAndGet();
    }

    /** A succeeded payment never refunded by anyone else is refundable by what is left of it. */
    private static void noteRefundable(Customer customer, Map<String, Object> txn) {
        String id = (String) txn.get("id");
        long refunded = ((Number) txn.get("amount_refunded")).longValue();
        if ("succeeded".equals(txn.get("status")) && refunded == 0 && !customer.refunded.contains(id)) {
            customer.refundable.putIfAbsent(id, ((Number) txn.get("amount")).longValue());
        }
    }

    /** Right after a move: each customer's list holds every payment acknowledged to them before it. */
    private void everyoneSeesTheirOwnPayments(ExecutorService pool, List<Customer> customers, int phase) throws Exception {
        List<Future<?>> reads = new ArrayList<>();
        for (Customer customer : customers) {
            reads.add(pool.submit(() -> {
                List<String> acknowledged = new ArrayList<>(customer.payments);
                Response list = untilNotHeld(() -> api.as(customer.user.token()).queryParam("limit", 100).get("/api/v1/transactions"));
                assertThat(list.statusCode()).isEqualTo(200);
                List<String> seen = list.jsonPath().getList("data.id");
                assertThat(seen).as("after move %d, %s's first read (%s)", phase, customer.user.id(), list.header("X-Upstream"))
                        .containsAll(acknowledged.size() > 100 ? acknowledged.subList(acknowledged.size() - 100, acknowledged.size())
                                : acknowledged);
                operations.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> done : reads) {
            done.get();
        }
    }

    /** The request again after Retry-After while the gateway holds the caller for the sync (503, nothing delivered). */
    private Response untilNotHeld(java.util.function.Supplier<Response> request) {
        for (int attempt = 0; ; attempt++) {
            Response response = request.get();
            if (response.statusCode() != 503 || attempt == 10) {
                return response;
            }
            refusedWhileHeld.incrementAndGet();
            sleep(1_000);
        }
    }

    private void move(int[] weights) {
        if (weights == null) {
            ops.killSwitch("moving weights: the kill switch");
        } else {
            ops.weights(weights, "moving weights");
        }
    }

    private static long count(dev.cutover.testsupport.TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String letters(Random random, int length) {
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

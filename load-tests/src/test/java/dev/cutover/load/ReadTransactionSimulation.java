package dev.cutover.load;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code GET /api/v1/transactions/{id}} by the transaction's owner, through the gateway and/or directly against
 * payments ({@code -Dsides=gateway,direct}, windows interleaved). One rate with {@code -Dwindows=3} gives the A/B
 * latency comparison; several rates ({@code -Drates=250,500,1000,…}) the throughput ladder (ADR 0051).
 *
 * <p>Customers are spread so that no caller comes near the gateway's per-caller rate limit (50/s by default):
 * the gateway's cost is measured, not its limiter refusing a benchmark.
 */
public class ReadTransactionSimulation extends Simulation {

    private final WindowLog log;

    {
        Windows.Plan plan = Windows.Plan.fromKnobs("300", Duration.ofSeconds(20), Duration.ofSeconds(15));
        log = new WindowLog("read-transaction", plan.p99BoundMs());
        double fastest = plan.rates().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int customers = Knobs.integer("customers", (int) Math.max(10, Math.ceil(fastest / 20)));
        SetupClient api = new SetupClient(Knobs.gatewayUrl());
        List<Map<String, Object>> reads = Customers.transactionsOf(api,
                Customers.prepare(api, customers, Knobs.integer("setupParallelism", 4)),
                Knobs.integer("transactionsPerCustomer", 3));
        FeederBuilder<Object> feeder = listFeeder(reads).random();

        List<Windows.Side> sides = Knobs.list("sides", "gateway").stream()
                .map(side -> new Windows.Side(side, Protocols.shared(Protocols.paymentsSide(side)), name -> feed(feeder)
                        .exec(http(name).get("/api/v1/transactions/#{transactionId}")
                                .header("Authorization", "Bearer #{token}")
                                .check(status().is(200)))))
                .toList();

        setUp(Windows.chain(log, sides, plan))
                .assertions(RunAssertions.forPlan(plan, log));
    }

    @Override
    public void after() {
        log.write();
    }
}

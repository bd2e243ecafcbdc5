package dev.cutover.load;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code POST /api/v1/transactions} at a constant arrival rate (default 200/s for 60 s after a 30 s warm-up),
 * through the gateway ({@code -Dsides=gateway,direct} adds payments directly, interleaved). Each request comes
 * from one of {@code customers} verified customers with their own card, carries a new {@code Idempotency-Key},
 * and must answer 201.
 */
public class CreateTransactionSimulation extends Simulation {

    private final WindowLog log;

    {
        Windows.Plan plan = Windows.Plan.fromKnobs("200", Duration.ofSeconds(60), Duration.ofSeconds(30));
        log = new WindowLog("create-transaction", plan.p99BoundMs());
        List<Customers.Customer> customers = Customers.prepare(new SetupClient(Knobs.gatewayUrl()),
                Knobs.integer("customers", 40), Knobs.integer("setupParallelism", 4));
        FeederBuilder<Object> feeder = listFeeder(customers.stream().map(Customers.Customer::asFeed).toList()).circular();

        List<Windows.Side> sides = Knobs.list("sides", "gateway").stream()
                .map(side -> new Windows.Side(side, Protocols.shared(Protocols.paymentsSide(side)), name -> feed(feeder)
                        .exec(http(name).post("/api/v1/transactions")
                                .header("Authorization", "Bearer #{token}")
                                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                                .body(StringBody(session -> SetupClient.write(Map.of(
                                        "amount", ThreadLocalRandom.current().nextLong(100, 100_000),
                                        "currency", "USD",
                                        "payment_method_id", session.getString("paymentMethodId"),
                                        "description", "load test"))))
                                .asJson()
                                .check(status().is(201)))))
                .toList();

        setUp(Windows.chain(log, sides, plan))
                .assertions(RunAssertions.forPlan(plan, log));
    }

    @Override
    public void after() {
        log.write();
    }
}

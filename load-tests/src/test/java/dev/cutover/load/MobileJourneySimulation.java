package dev.cutover.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What a phone does, through the gateway, at a constant rate of journeys per second (default 2/s for 60 s):
 * sign in with a password, list its cards, pay with the first one, poll until the payment is no longer
 * {@code pending} (it must succeed), list its transactions, and now and then ({@code refundShare}, default 20 %)
 * refund half of it. Each journey has its own connections, as separate phones do. The journey is a Gatling group,
 * so the report has both each step and the journey's total response time (pauses excluded).
 */
public class MobileJourneySimulation extends Simulation {

    private final WindowLog log;

    private static final String AUTH = "Bearer #{accessToken}";

    {
        Windows.Plan plan = Windows.Plan.fromKnobs("2", Duration.ofSeconds(60), Duration.ofSeconds(10));
        log = new WindowLog("mobile-journey", plan.p99BoundMs());
        List<Customers.Customer> customers = Customers.prepare(new SetupClient(Knobs.gatewayUrl()),
                Knobs.integer("customers", 20), Knobs.integer("setupParallelism", 4));
        FeederBuilder<Object> feeder = listFeeder(customers.stream().map(Customers.Customer::asFeed).toList()).circular();
        Duration pollEvery = Knobs.duration("pollInterval", Duration.ofMillis(250));
        int maxPolls = Knobs.integer("maxPolls", 40);
        double refundShare = Double.parseDouble(Knobs.string("refundShare", "0.2"));

        ChainBuilder journey = feed(feeder)
                .exec(http("sign in").post("/api/v1/auth/token")
                        .formParam("grant_type", "password").formParam("email", "#{email}").formParam("password", "#{password}")
                        .check(status().is(200), jsonPath("$.access_token").saveAs("accessToken")))
                .exec(http("list payment methods").get("/api/v1/payment-methods")
                        .header("Authorization", AUTH)
                        .check(status().is(200), jsonPath("$.data[0].id").saveAs("cardId")))
                .exec(http("create transaction").post("/api/v1/transactions")
                        .header("Authorization", AUTH)
                        .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                        .body(StringBody(session -> SetupClient.write(Map.of(
                                "amount", ThreadLocalRandom.current().nextLong(100, 100_000), "currency", "USD",
                                "payment_method_id", session.getString("cardId"), "description", "coffee beans")))).asJson()
                        .check(status().is(201), jsonPath("$.id").saveAs("transactionId"),
                                jsonPath("$.amount").ofLong().saveAs("amount"), jsonPath("$.status").saveAs("status")))
                .exec(session -> session.set("polls", 0))
                .asLongAs(session -> "pending".equals(session.getString("status")) && session.getInt("polls") < maxPolls).on(
                        pause(pollEvery)
                                .exec(http("poll transaction").get("/api/v1/transactions/#{transactionId}")
                                        .header("Authorization", AUTH)
                                        .check(status().is(200), jsonPath("$.status").in("pending", "succeeded").saveAs("status")))
                                .exec(session -> session.set("polls", session.getInt("polls") + 1)))
                // still pending after every poll: one more read that fails the journey visibly in the report
                .exec(doIf(session -> "pending".equals(session.getString("status"))).then(
                        exec(http("transaction settled in time").get("/api/v1/transactions/#{transactionId}")
                                .header("Authorization", AUTH)
                                .check(jsonPath("$.status").is("succeeded")))))
                .exec(http("list transactions").get("/api/v1/transactions?limit=20")
                        .header("Authorization", AUTH)
                        .check(status().is(200), jsonPath("$.data[0].id").exists()))
                .exec(doIf(session -> wantsRefund(session, refundShare)).then(
                        exec(http("refund").post("/api/v1/refunds")
                                .header("Authorization", AUTH)
                                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                                .body(StringBody(session -> SetupClient.write(Map.of(
                                        "transaction_id", session.getString("transactionId"),
                                        "amount", Math.max(1, session.getLong("amount") / 2),
                                        "reason", "changed my mind")))).asJson()
                                .check(status().is(201)))));

        Windows.Side mobile = new Windows.Side("mobile", Protocols.perUser(Knobs.gatewayUrl()),
                name -> group(name).on(journey));

        setUp(Windows.chain(log, List.of(mobile), plan))
                .assertions(RunAssertions.forPlan(plan, log));
    }

    @Override
    public void after() {
        log.write();
    }

    private static boolean wantsRefund(Session session, double share) {
        return "succeeded".equals(session.getString("status")) && ThreadLocalRandom.current().nextDouble() < share;
    }
}

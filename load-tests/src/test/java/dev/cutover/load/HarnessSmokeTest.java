package dev.cutover.load;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.gatling.app.Gatling$;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness cannot rot: every simulation runs for a couple of seconds, in this JVM, against a WireMock
 * stand-in of the suite, and must finish without a failed request; every request it sent must fit the public
 * API contract; and the files ./bench reads (Gatling's stats, the window log) must be there and readable.
 * No suite, no Docker, about half a minute.
 */
class HarnessSmokeTest {

    private static final Path RESULTS = Path.of("target", "gatling-smoke");

    private static WireMockServer suite;

    @BeforeAll
    static void startStandIn() {
        suite = new WireMockServer(options().dynamicPort().containerThreads(20));
        suite.start();
        StubApi.install(suite);
    }

    @AfterAll
    static void stopStandIn() {
        suite.stop();
    }

    @Test
    void createTransactionRunsItsWarmUpAndWindowWithoutErrors() throws IOException {
        Path run = run(CreateTransactionSimulation.class, Map.of("rates", "5", "window", "2s", "warmUp", "1s", "customers", "2"));

        assertThat(executedWindows(run)).containsExactly("gateway warm-up", "gateway @5/s #1");
        assertThat(windowNames(run)).containsExactlyInAnyOrder("gateway warm-up", "gateway @5/s #1");
        assertThat(contractProblems()).isEmpty();
    }

    @Test
    void readTransactionInterleavesGatewayAndDirectWindowsOnALadder() throws IOException {
        // a bound no busy CI machine reaches: this checks the schedule, not WireMock's latency
        Path run = run(ReadTransactionSimulation.class, Map.of("sides", "gateway,direct", "rates", "4,8", "window", "1s",
                "warmUp", "0s", "customers", "2", "transactionsPerCustomer", "1", "p99BoundMs", "5000"));

        // A B, then B A: drift of a shared machine falls on both sides alike
        assertThat(executedWindows(run)).containsExactly("gateway @4/s #1", "direct @4/s #1", "direct @8/s #1", "gateway @8/s #1");
        assertThat(windowNames(run)).containsExactlyInAnyOrder("gateway @4/s #1", "direct @4/s #1", "direct @8/s #1", "gateway @8/s #1");
        assertThat(contractProblems()).isEmpty();
    }

    @Test
    void ledgerEntriesArePostedWithAServiceToken() throws IOException {
        Path run = run(LedgerEntrySimulation.class, Map.of("rates", "5", "window", "2s", "warmUp", "0s", "accounts", "3"));

        assertThat(executedWindows(run)).containsExactly("ledger @5/s #1");
        assertThat(windowNames(run)).containsExactly("ledger @5/s #1");
        assertThat(contractProblems()).isEmpty();
    }

    @Test
    void ledgerEntriesArePostedInBatchesToTheInternalEndpoint() throws IOException {
        Path run = run(LedgerEntrySimulation.class, Map.of("rates", "4", "window", "2s", "warmUp", "0s", "accounts", "3", "batch", "5"));

        assertThat(executedWindows(run)).containsExactly("ledger @4/s #1");
        assertThat(suite.findAll(postRequestedFor(urlEqualTo("/internal/v1/entries/batch")))).isNotEmpty()
                .allSatisfy(request -> assertThat(request.getBodyAsString()).contains("\"entries\""));
        assertThat(contractProblems()).isEmpty();
    }

    @Test
    void theMobileJourneyPaysPollsListsAndRefunds() throws IOException {
        Path run = run(MobileJourneySimulation.class, Map.of("rates", "3", "window", "2s", "warmUp", "0s", "customers", "2",
                "pollInterval", "20ms", "refundShare", "1"));

        assertThat(executedWindows(run)).containsExactly("mobile @3/s #1");
        assertThat(windowNames(run)).containsExactly("mobile @3/s #1");
        assertThat(requestNames(run)).contains("sign in", "list payment methods", "create transaction", "poll transaction",
                "list transactions", "refund");
        assertThat(contractProblems()).isEmpty();
    }

    /** Runs one simulation in this JVM with the suite's URLs pointing at WireMock; its results folder. */
    private static Path run(Class<?> simulation, Map<String, String> knobs) throws IOException {
        suite.resetRequests();
        Path folder = RESULTS.resolve(simulation.getSimpleName());
        Map<String, String> properties = new LinkedHashMap<>(knobs);
        properties.put("gatewayUrl", suite.baseUrl());
        properties.put("identityUrl", suite.baseUrl());
        properties.put("paymentsUrl", suite.baseUrl());
        properties.put("ledgerUrl", suite.baseUrl());
        properties.put("pause", "0s");
        properties.put("setupParallelism", "2");
        properties.put("windowLog", folder.resolve("windows.json").toString());
        properties.forEach(System::setProperty);
        try {
            int status = Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", simulation.getName(), "--results-folder", folder.toAbsolutePath().toString()});
            assertThat(status).as("Gatling's exit status for %s (assertions: requests sent, none failed)", simulation.getSimpleName())
                    .isZero();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
        assertThat(suite.findAllUnmatchedRequests()).as("requests no stub answered").isEmpty();
        try (Stream<Path> runs = Files.list(folder)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        }
    }

    private static List<String> contractProblems() {
        ContractCheck contract = ContractCheck.load();
        List<String> problems = new ArrayList<>();
        for (ServeEvent event : suite.getAllServeEvents()) {
            LoggedRequest request = event.getRequest();
            Map<String, String> headers = new LinkedHashMap<>();
            request.getHeaders().all().forEach(h -> headers.put(h.key(), h.firstValue()));
            problems.addAll(contract.problems(request.getMethod().getName(), request.getUrl(), headers, request.getBodyAsString()));
        }
        return problems.stream().distinct().toList();
    }

    private static List<String> windowNames(Path run) throws IOException {
        return GatlingStats.read(run).windows().stream().map(GatlingStats.Entry::name).toList();
    }

    private static List<String> requestNames(Path run) throws IOException {
        return GatlingStats.read(run).all().stream().map(GatlingStats.Entry::name).toList();
    }

    /** The windows in the order they ran, from the harness's own log; each must have run and passed. */
    private static List<String> executedWindows(Path run) throws IOException {
        List<WindowSummary> windows = WindowSummary.read(run.getParent().resolve("windows.json"));
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.count()).as("%s sent requests", w.name()).isPositive();
            assertThat(w.failures()).as("%s failures", w.name()).isZero();
            assertThat(w.p50Us()).as("%s P50 (µs)", w.name()).isPositive();
        });
        return windows.stream().sorted(Comparator.comparingLong(WindowSummary::startedAtMs)).map(WindowSummary::name).toList();
    }
}

package dev.cutover.payments.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.cutover.ledger.LedgerApplication;
import dev.cutover.testsupport.JwksServer;
import dev.cutover.testsupport.TestDatabase;
import dev.cutover.testsupport.TestTokens;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * The real ledger service, started once in this JVM on the run's database, and a switchable WireMock in
 * front of it that payments talks to: by default it forwards every call to the ledger; tests can make
 * the ledger refuse connections ({@link #refuseConnections()}) or answer 503 ({@link #answerUnavailable()}).
 */
public final class LedgerPeer {

    private static final ConfigurableApplicationContext LEDGER = startLedger();
    private static final int LEDGER_PORT = Integer.parseInt(LEDGER.getEnvironment().getProperty("local.server.port"));
    private static WireMockServer front = startFront(0);
    private static final int FRONT_PORT = front.port();

    private LedgerPeer() {
    }

    /** Where payments should send ledger calls. */
    public static String frontUrl() {
        return "http://127.0.0.1:" + FRONT_PORT;
    }

    /** The ledger itself, for tests that check what was posted. */
    public static String ledgerUrl() {
        return "http://127.0.0.1:" + LEDGER_PORT;
    }

    public static int ledgerPort() {
        return LEDGER_PORT;
    }

    /** One line of a posted entry, read from the ledger's own schema. */
    public record PostedLine(String entryId, String accountId, String direction, long amount) {
    }

    /** The lines of every entry posted under {@code reference} (several entries would be a duplicate posting). */
    public static java.util.List<PostedLine> postedUnder(String reference) {
        return ledgerDatabase().sql("""
                SELECT e.id, l.account_id, l.direction, l.amount FROM ledger.journal_entries e
                JOIN ledger.entry_lines l ON l.entry_id = e.id WHERE e.reference = :reference ORDER BY e.id, l.line_no""")
                .param("reference", reference)
                .query((rs, row) -> new PostedLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    /** A client on the run's database, for reading what the ledger holds. */
    public static org.springframework.jdbc.core.simple.JdbcClient ledgerDatabase() {
        TestDatabase db = TestDatabase.get();
        return org.springframework.jdbc.core.simple.JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
    }

    /** Nothing listens on the ledger's address any more. */
    public static synchronized void refuseConnections() {
        if (front != null) {
            front.stop();
            front = null;
        }
    }

    /** The ledger answers every call with 503. */
    public static synchronized void answerUnavailable() {
        ensureFront();
        front.resetAll();
        front.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("{\"code\":\"dependency_unavailable\"}")));
    }

    /** Calls reach the ledger again. */
    public static synchronized void recover() {
        ensureFront();
        forward(front);
    }

    private static void ensureFront() {
        if (front == null) {
            front = startFront(FRONT_PORT);
        }
    }

    private static WireMockServer startFront(int port) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().port(port).containerThreads(40));
        server.start();
        forward(server);
        return server;
    }

    private static void forward(WireMockServer server) {
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(ledgerUrl())));
    }

    private static ConfigurableApplicationContext startLedger() {
        TestDatabase db = TestDatabase.get();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.username());
        properties.put("spring.datasource.password", db.password());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.uri());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER);
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        var application = LedgerApplication.application();
        application.setDefaultProperties(Map.of("spring.config.name", LedgerApplication.CONFIG_NAME));
        ConfigurableApplicationContext context = application.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "ledger-peer-stop"));
        return context;
    }
}

package dev.cutover.identity;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.KycSpec;
import dev.cutover.identity.support.IdentityClient.UserSpec;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.identity.support.IdentityTestConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures every log line of a full sign-up → sign-in → KYC → verification → refresh → erasure flow,
 * failures included, with the web, security, SQL and identity loggers turned up to DEBUG, and finds no
 * password, token, secret, email, name, date of birth or document number in any of them.
 */
@IdentityIntegrationTest
class LogHygieneIT {

    private static final List<String> VERBOSE = List.of("dev.cutover", "org.springframework.web", "org.springframework.security",
            "org.hibernate.SQL", "org.springframework.jdbc.core", "org.springframework.transaction");

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> levels = new LinkedHashMap<>();
    private LoggerContext context;

    @BeforeEach
    void captureEveryLogLine() {
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(context);
        captured.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
        for (String name : VERBOSE) {
            Logger logger = context.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void stopCapturing() {
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        captured.stop();
    }

    @Test
    void aFullFlowLogsNoSecretAndNoPersonalData() {
        IdentityClient identity = new IdentityClient(port);
        UserSpec spec = IdentityClient.user().password("Tr0ub4dor&3-" + UUID.randomUUID()).dateOfBirth("1987-06-05");
        KycSpec kyc = IdentityClient.kyc().documentNumber("LQ-" + (40_000_000 + (int) (Math.random() * 9_000_000)));
        List<String> secrets = new ArrayList<>(List.of(spec.password(), spec.email(), spec.fullName(), spec.dateOfBirth(),
                "05/06/1987", "06/05/1987", kyc.documentNumber(), kyc.documentNumber().replace("-", ""),
                IdentityClient.OPS_SECRET, IdentityTestConfiguration.MASTER_KEY));

        String userId = identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .body(spec.body()).post("/api/v1/users").then().statusCode(201).extract().path("id");
        identity.signUp(IdentityClient.user().email(spec.email().toUpperCase(Locale.ROOT))).then().statusCode(409);
        identity.passwordGrant(spec.email(), spec.password() + "-typo").then().statusCode(401);
        identity.signUp(IdentityClient.user().email("broken").password(spec.password())).then().statusCode(400);

        var grant = identity.passwordGrant(spec.email(), spec.password()).then().statusCode(200).extract();
        String access = grant.path("access_token");
        String refresh = grant.path("refresh_token");
        identity.as(access).get("/api/v1/users/me").then().statusCode(200);

        String kycId = identity.kycRecord(access, kyc);
        identity.submitKyc(access, IdentityClient.kyc().documentNumber(kyc.documentNumber()).expiresOn("2001-01-01")).then().statusCode(400);
        String verification = identity.verification(access, kycId);
        var opsGrant = identity.clientGrant(IdentityClient.OPS_CLIENT, IdentityClient.OPS_SECRET).then().statusCode(200).extract();
        String ops = opsGrant.path("access_token");
        identity.decide(ops, verification, "approved", "document checked").then().statusCode(200);
        identity.as(ops).get("/api/v1/users/{id}", userId).then().statusCode(200);

        var refreshed = identity.refreshGrant(refresh).then().statusCode(200).extract();
        identity.refreshGrant(refresh).then().statusCode(401);
        identity.as(access).delete("/api/v1/users/{id}/pii", userId).then().statusCode(204);

        secrets.addAll(List.of(access, refresh, ops, refreshed.path("access_token"), refreshed.path("refresh_token")));
        secrets.add(access.substring(access.lastIndexOf('.') + 1));

        List<String> lines = captured.list.stream().map(LogHygieneIT::render).toList();
        assertThat(lines).as("the flow was logged at all").hasSizeGreaterThan(20);
        for (String secret : secrets) {
            assertThat(lines).as("log lines containing a secret or personal data")
                    .noneMatch(line -> line.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)));
        }
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> line.append(' ').append(pair.key).append('=').append(pair.value));
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.toString();
    }
}

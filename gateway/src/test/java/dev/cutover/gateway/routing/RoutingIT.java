package dev.cutover.gateway.routing;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.support.Callers;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.SharedGateway;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §5 routes against a gateway with payments at 100, identity at 50 and ledger at 0. */
class RoutingIT {

    private static GatewayInstance gateway;
    private static Upstreams upstreams;
    /** A user and an anonymous client whose identity bucket is under 50, i.e. on the new identity service. */
    private static String identityNewUser;
    private static String identityNewClient;
    private static String identityLegacyUser;

    @BeforeAll
    static void startGateway() {
        gateway = SharedGateway.gateway();
        upstreams = SharedGateway.upstreams();
        identityNewUser = Callers.userOn(Side.NEW, Domain.IDENTITY, SharedGateway.IDENTITY_WEIGHT, "usr_idnew");
        identityLegacyUser = Callers.userOn(Side.LEGACY, Domain.IDENTITY, SharedGateway.IDENTITY_WEIGHT, "usr_idold");
        identityNewClient = Callers.userOn(Side.NEW, Domain.IDENTITY, SharedGateway.IDENTITY_WEIGHT, "mobile-app-");
    }

    @BeforeEach
    void resetUpstreams() {
        upstreams.resetAll();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,    /api/v1/transactions,                    payments, new",
            "GET,    /api/v1/transactions/txn_1,              payments, new",
            "POST,   /api/v1/transactions,                    payments, new",
            "GET,    /api/v1/payment-methods,                 payments, new",
            "DELETE, /api/v1/payment-methods/pm_1,            payments, new",
            "POST,   /api/v1/refunds,                         payments, new",
            "GET,    /api/v1/refunds?transaction_id=txn_1,    payments, new",
            "GET,    /api/v1/users/me,                        identity, new",
            "GET,    /api/v1/users/usr_1,                     identity, new",
            "DELETE, /api/v1/users/usr_1/pii,                 identity, new",
            "POST,   /api/v1/kyc-records,                     identity, new",
            "POST,   /api/v1/verifications,                   identity, new",
            "POST,   /api/v1/verifications/ver_1/decision,    identity, new",
            "POST,   /api/v1/accounts,                        legacy,   legacy",
            "GET,    /api/v1/accounts/acc_1/entries,          legacy,   legacy",
            "POST,   /api/v1/entries,                         legacy,   legacy",
            "POST,   /api/v1/entries/je_1/reversal,           legacy,   legacy",
            "GET,    /api/v1/balances/acc_1?as_of=2026-01-01T00:00:00Z, legacy, legacy",
            "GET,    /api/v1/ledger/integrity,                legacy,   legacy"})
    void eachSpecPathReachesItsDomainsUpstreamWithPathAndQueryIntact(String method, String path, String upstream, String side) {
        WebTestClient.RequestBodySpec request = gateway.client().method(HttpMethod.valueOf(method)).uri(path)
                .headers(h -> h.setBearerAuth(TestTokens.user(identityNewUser)));
        WebTestClient.ResponseSpec response = "POST".equals(method)
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\": 100}").exchange()
                : request.exchange();

        response.expectStatus().isOk()
                .expectHeader().valueEquals(CutoverHeaders.UPSTREAM, side)
                .expectBody().jsonPath("$.upstream").isEqualTo(upstream);
        assertThat(upstreams.byName(upstream).received()).singleElement()
                .satisfies(received -> assertThat(received.getUrl()).isEqualTo(path));
        assertThat(upstreams.totalReceived()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST, /api/v1/users", "POST, /api/v1/auth/token", "GET, /.well-known/jwks.json"})
    void signUpTokenAndJwksNeedNoTokenAndStickToTheClientId(String method, String path) {
        for (int i = 0; i < 5; i++) {
            gateway.client().method(HttpMethod.valueOf(method)).uri(path)
                    .header(CutoverHeaders.CLIENT_ID, identityNewClient)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "new")
                    .expectBody().jsonPath("$.upstream").isEqualTo("identity");
        }

        assertThat(upstreams.identity.received()).hasSize(5);
    }

    @Test
    void aCallerRepeatedAHundredTimesAlwaysHitsTheSameSide() {
        WebTestClient client = gateway.client();
        String onNew = TestTokens.user(identityNewUser);
        String onLegacy = TestTokens.user(identityLegacyUser);
        for (int i = 0; i < 100; i++) {
            client.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(onNew))
                    .exchange().expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "new")
                    .expectBody().jsonPath("$.upstream").isEqualTo("identity");
            client.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(onLegacy))
                    .exchange().expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "legacy")
                    .expectBody().jsonPath("$.upstream").isEqualTo("legacy");
        }

        assertThat(upstreams.identity.received()).hasSize(100);
        assertThat(upstreams.legacy.received()).hasSize(100);
    }

    @ParameterizedTest
    @CsvSource({"GET, /internal/v1/users/usr_1/kyc-status", "POST, /internal/v1/anything", "GET, /internal"})
    void internalPathsAreNeverRoutedFromOutside(String method, String path) {
        assertProblem(gateway.client().method(HttpMethod.valueOf(method)).uri(path)
                .headers(h -> h.setBearerAuth(TestTokens.service()))
                .exchange(), 404, "not_found");

        assertThat(upstreams.totalReceived()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/users/../../internal/v1/users/usr_1/kyc-status",
            "/api/v1/users/%2e%2e/%2e%2e/internal/v1/users/usr_1/kyc-status",
            "/api/v1/users/..%2f..%2finternal/v1/users/usr_1/kyc-status",
            "/api/v1//users"})
    void pathTricksTowardsInternalAreRejectedBeforeRouting(String path) {
        WebTestClient.ResponseSpec response = gateway.client().get()
                .uri(java.net.URI.create("http://127.0.0.1:" + gateway.port() + path))
                .headers(h -> h.setBearerAuth(TestTokens.service()))
                .exchange();

        response.expectStatus().value(status -> assertThat(status).isIn(400, 404)).expectBody().returnResult();
        assertThat(upstreams.totalReceived()).isZero();
    }

    @Test
    void pathsOutsideEveryDomainAre404() {
        assertProblem(gateway.client().get().uri("/api/v1/wallets").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange(), 404, "not_found");
        assertProblem(gateway.client().get().uri("/admin").exchange(), 404, "not_found");

        assertThat(upstreams.totalReceived()).isZero();
    }

    @Test
    void aRequestIdIsGeneratedPassedUpstreamAndEchoed() {
        String echoed = gateway.client().get().uri("/api/v1/transactions/txn_9")
                .headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getFirst(CutoverHeaders.REQUEST_ID);

        assertThat(echoed).isNotBlank();
        assertThat(upstreams.payments.received(getRequestedFor(urlEqualTo("/api/v1/transactions/txn_9"))
                .withHeader(CutoverHeaders.REQUEST_ID, equalTo(echoed)))).hasSize(1);
    }

    @Test
    void aClientsRequestIdIsKeptAndNotDoubledWhenTheUpstreamEchoesIt() {
        upstreams.payments.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/v1/transactions/txn_8"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader(CutoverHeaders.REQUEST_ID, "req-from-client-1")
                        .withHeader(CutoverHeaders.UPSTREAM, "spoofed")
                        .withBody("{}")));

        var headers = gateway.client().get().uri("/api/v1/transactions/txn_8")
                .header(CutoverHeaders.REQUEST_ID, "req-from-client-1")
                .headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders();

        assertThat(headers.get(CutoverHeaders.REQUEST_ID)).containsExactly("req-from-client-1");
        assertThat(headers.get(CutoverHeaders.UPSTREAM)).containsExactly("new");
        assertThat(upstreams.payments.received(getRequestedFor(urlEqualTo("/api/v1/transactions/txn_8"))
                .withHeader(CutoverHeaders.REQUEST_ID, equalTo("req-from-client-1")))).hasSize(1);
    }

    @Test
    void upstreamsLearnTheClientAddressThroughXForwardedFor() {
        gateway.client().get().uri("/api/v1/transactions").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange().expectStatus().isOk().expectBody().returnResult();

        assertThat(upstreams.payments.received()).singleElement()
                .satisfies(request -> assertThat(request.getHeader("X-Forwarded-For")).contains("127.0.0.1"));
    }
}

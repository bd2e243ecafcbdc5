package dev.cutover.payments.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.cutover.testsupport.TestTokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * identity as a real HTTP peer for payments tests: it issues this service's token and answers KYC
 * status by user id — {@code usr_verified…} verified, {@code usr_pending…} pending, anything else
 * unverified. Tests about faults replace the KYC stub and call {@link #reset()} afterwards.
 */
public final class IdentityStub {

    private static final WireMockServer SERVER = start();

    private IdentityStub() {
    }

    public static WireMockServer server() {
        return SERVER;
    }

    public static String baseUrl() {
        return SERVER.baseUrl();
    }

    /** Back to the default behaviour: tokens issued, KYC answered from the user id. */
    public static void reset() {
        configure(SERVER);
    }

    private static void configure(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/api/v1/auth/token"))
                .willReturn(okJson("""
                        {"access_token": "%s", "token_type": "Bearer", "expires_in": 900, "scope": "service"}"""
                        .formatted(TestTokens.service()))));
        server.stubFor(get(urlMatching("/internal/v1/users/usr_verified[^/]*/kyc-status")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"user_id\": \"{{request.pathSegments.[3]}}\", \"kyc_status\": \"verified\"}")));
        server.stubFor(get(urlMatching("/internal/v1/users/usr_pending[^/]*/kyc-status")).atPriority(1)
                .willReturn(okJson("{\"user_id\": \"x\", \"kyc_status\": \"pending\"}")));
        server.stubFor(get(urlMatching("/internal/v1/users/[^/]+/kyc-status")).atPriority(5)
                .willReturn(okJson("{\"user_id\": \"x\", \"kyc_status\": \"unverified\"}")));
    }

    /** How many KYC questions identity received. */
    public static int kycCalls() {
        return SERVER.countRequestsMatching(WireMock.getRequestedFor(urlMatching("/internal/v1/users/.*")).build()).getCount();
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .globalTemplating(false).templatingEnabled(true).containerThreads(40));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "identity-stub-stop"));
        configure(server);
        return server;
    }
}

package dev.cutover.load;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A WireMock stand-in for the suite, answering just what the simulations read back (ids, tokens, statuses).
 * Deliberately loose about requests: whether a request is right is {@link ContractCheck}'s job, against the real
 * contract, so these stubs cannot drift into agreeing with a wrong harness.
 */
final class StubApi {

    private StubApi() {
    }

    static void install(WireMockServer server) {
        created(server, "/api/v1/users", "{\"id\": \"usr_smoke\", \"email\": \"load@example.com\", \"kyc_status\": \"unverified\"}");
        server.stubFor(post(urlEqualTo("/api/v1/auth/token")).willReturn(json(200,
                "{\"access_token\": \"smoke-token\", \"token_type\": \"Bearer\", \"expires_in\": 900, \"scope\": \"user\"}")));
        created(server, "/api/v1/kyc-records", "{\"id\": \"kyc_smoke\", \"status\": \"submitted\"}");
        created(server, "/api/v1/verifications", "{\"id\": \"ver_smoke\", \"status\": \"pending\"}");
        server.stubFor(post(urlPathMatching("/api/v1/verifications/[^/]+/decision")).willReturn(json(200,
                "{\"id\": \"ver_smoke\", \"status\": \"approved\"}")));
        created(server, "/api/v1/payment-methods", "{\"id\": \"pm_smoke\", \"type\": \"card\", \"brand\": \"visa\", \"last4\": \"4242\"}");
        server.stubFor(get(urlPathEqualTo("/api/v1/payment-methods")).willReturn(json(200,
                "{\"data\": [{\"id\": \"pm_smoke\", \"type\": \"card\"}], \"has_more\": false}")));
        created(server, "/api/v1/transactions", "{\"id\": \"txn_smoke\", \"status\": \"pending\", \"amount\": 1250, \"currency\": \"USD\"}");
        server.stubFor(get(urlPathMatching("/api/v1/transactions/[^/]+")).willReturn(json(200,
                "{\"id\": \"txn_smoke\", \"status\": \"succeeded\", \"amount\": 1250, \"currency\": \"USD\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/transactions")).willReturn(json(200,
                "{\"data\": [{\"id\": \"txn_smoke\", \"status\": \"succeeded\"}], \"has_more\": false}")));
        created(server, "/api/v1/refunds", "{\"id\": \"re_smoke\", \"transaction_id\": \"txn_smoke\", \"status\": \"pending\"}");
        created(server, "/api/v1/accounts", "{\"id\": \"acc_smoke\", \"currency\": \"USD\"}");
        created(server, "/api/v1/entries", "{\"id\": \"je_smoke\", \"currency\": \"USD\"}");
        server.stubFor(post(urlEqualTo("/internal/v1/entries/batch")).willReturn(json(200,
                "{\"data\": [{\"status\": 201, \"replayed\": false, \"entry\": {\"id\": \"je_smoke\"}, \"problem\": null}]}")));
    }

    private static void created(WireMockServer server, String path, String body) {
        server.stubFor(post(urlEqualTo(path)).willReturn(json(201, body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

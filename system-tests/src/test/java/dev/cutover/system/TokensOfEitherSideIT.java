package dev.cutover.system;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token issued by either side is accepted by every component of either side (SPEC §7): each side signs with its
 * own key pair, every verifier trusts both key sets, no private key is shared.
 */
class TokensOfEitherSideIT {

    static Suite suite;
    static Api legacy;
    static Api current;

    @BeforeAll
    static void sides() {
        suite = Suite.get();
        legacy = new Api(suite.legacy().baseUrl());
        current = new Api(suite.identityUrl());
    }

    @Test
    void aTokenTheMonolithIssuedIsAcceptedByEveryNewService() {
        String user = legacy.signUp().token();
        String ops = legacy.opsToken();

        assertThat(status(suite.paymentsUrl(), "/api/v1/transactions", user)).isEqualTo(200);
        assertThat(status(suite.ledgerUrl(), "/api/v1/ledger/integrity", ops)).isEqualTo(200);
        assertThat(status(suite.identityUrl(), "/api/v1/users/me", user))
                .as("authenticated; the customer exists on the monolith only").isEqualTo(404);
        assertThat(status(suite.gatewayUrl(), "/api/v1/transactions", user)).isEqualTo(200);
    }

    @Test
    void aTokenTheNewIdentityIssuedIsAcceptedByTheMonolith() {
        String user = current.signUp().token();

        assertThat(status(suite.legacy().baseUrl(), "/api/v1/transactions", user)).isEqualTo(200);
        assertThat(status(suite.legacyGatewayUrl(), "/api/v1/transactions", user)).isEqualTo(200);
    }

    @Test
    void aTokenSignedByNeitherSideIsRefusedEverywhere() {
        String user = legacy.signUp().token();
        String[] parts = user.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        for (String base : new String[] {suite.paymentsUrl(), suite.legacy().baseUrl(), suite.gatewayUrl()}) {
            assertThat(status(base, "/api/v1/transactions", tampered)).as(base).isEqualTo(401);
        }
        assertThat(status(suite.ledgerUrl(), "/api/v1/accounts", tampered)).isEqualTo(401);
    }

    private static int status(String base, String path, String token) {
        return RestAssured.given().baseUri(base).auth().oauth2(token).get(path).statusCode();
    }
}

package dev.cutover.identity.token;

import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.SignedUp;
import dev.cutover.identity.support.IdentityIntegrationTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins are throttled per email (10 in the window) and per client address (30 in the test
 * profile), in Postgres so every replica counts the same.
 */
@IdentityIntegrationTest
class LoginThrottlingIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IdentityClient identity;

    @BeforeEach
    void connect() {
        identity = new IdentityClient(port);
    }

    @Test
    void theEleventhRapidFailureForOneEmailIsRateLimited() {
        SignedUp user = identity.newUser();

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertProblem(identity.passwordGrant(user.email(), "wrong password " + attempt), 401, "invalid_grant", null);
        }
        Response eleventh = identity.passwordGrant(user.email(), "wrong password 11");

        assertProblem(eleventh, 429, "rate_limited", null);
        assertThat(Integer.parseInt(eleventh.header("Retry-After"))).isBetween(1, 15 * 60);
        assertProblem(identity.passwordGrant(user.email(), user.password()), 429, "rate_limited", null);
    }

    @Test
    void theThrottleFollowsTheEmailAcrossAddressesAndCase() {
        SignedUp user = identity.newUser();
        for (int attempt = 1; attempt <= 10; attempt++) {
            new IdentityClient(port).passwordGrant(attempt % 2 == 0 ? user.email().toUpperCase() : user.email(), "wrong")
                    .then().statusCode(401);
        }

        assertProblem(new IdentityClient(port).passwordGrant(user.email(), user.password()), 429, "rate_limited", null);
    }

    @Test
    void unknownEmailsAreThrottledLikeKnownOnes() {
        String unknown = "ghost-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 1; attempt <= 10; attempt++) {
            identity.passwordGrant(unknown, "whatever").then().statusCode(401);
        }

        assertProblem(identity.passwordGrant(unknown, "whatever"), 429, "rate_limited", null);
    }

    @Test
    void aSuccessfulSignInClearsTheEmailsFailures() {
        SignedUp user = identity.newUser();
        for (int attempt = 1; attempt <= 9; attempt++) {
            identity.passwordGrant(user.email(), "wrong").then().statusCode(401);
        }
        identity.passwordGrant(user.email(), user.password()).then().statusCode(200);

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(identity.passwordGrant(user.email(), "wrong").statusCode()).as("attempt %d", attempt).isEqualTo(401);
        }
    }

    @Test
    void oneThrottledEmailDoesNotLockOthersOut() {
        SignedUp victim = identity.newUser();
        SignedUp bystander = identity.newUser();
        for (int attempt = 1; attempt <= 11; attempt++) {
            identity.passwordGrant(victim.email(), "wrong");
        }

        assertThat(identity.passwordGrant(bystander.email(), bystander.password()).statusCode()).isEqualTo(200);
    }

    @Test
    void oneClientAddressIsThrottledAcrossManyEmails() {
        IdentityClient sprayer = new IdentityClient(port);
        for (int attempt = 1; attempt <= 30; attempt++) {
            assertThat(sprayer.passwordGrant("spray-" + attempt + "-" + UUID.randomUUID() + "@example.com", "Winter2026!")
                    .statusCode()).as("attempt %d", attempt).isEqualTo(401);
        }

        Response blocked = sprayer.passwordGrant("spray-last-" + UUID.randomUUID() + "@example.com", "Winter2026!");

        assertProblem(blocked, 429, "rate_limited", null);
        assertThat(blocked.header("Retry-After")).isNotBlank();
        SignedUp elsewhere = new IdentityClient(port).newUser();
        assertThat(elsewhere.accessToken()).as("other addresses are unaffected").isNotBlank();
    }

    @Test
    void clientCredentialsAreThrottledPerClientId() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            identity.clientGrant("guessed-client", "guess-" + attempt).then().statusCode(401);
        }

        assertProblem(identity.clientGrant("guessed-client", "guess-11"), 429, "rate_limited", null);
    }

    @Test
    void theThrottleKeepsNoEmailInTheClear() {
        SignedUp user = identity.newUser();
        identity.passwordGrant(user.email(), "wrong").then().statusCode(401);

        assertThat(jdbc.sql("SELECT count(*) FROM login_throttle WHERE bucket ILIKE :email")
                .param("email", "%" + user.email() + "%").query(Long.class).single()).isZero();
    }
}

package dev.cutover.identity.token;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.problem.RetryAfterProblem;

import java.time.Duration;

/** What the token endpoint refuses. */
final class TokenFacts {

    private TokenFacts() {
    }

    /**
     * Bad credentials or refresh token. One message per grant, whatever was wrong: an unknown email and a
     * wrong password must be indistinguishable.
     */
    static final class InvalidGrant extends ProblemException {
        InvalidGrant(GrantType grant) {
            super(ErrorCode.INVALID_GRANT, switch (grant) {
                case PASSWORD -> "The email or password is not correct.";
                case REFRESH_TOKEN -> "The refresh token is not valid.";
                case CLIENT_CREDENTIALS -> "The client id or secret is not correct.";
            });
        }
    }

    static final class LoginThrottled extends RetryAfterProblem {
        LoginThrottled(Duration retryAfter) {
            super(ErrorCode.RATE_LIMITED, "Too many failed sign-in attempts; try again later.", retryAfter);
        }
    }
}

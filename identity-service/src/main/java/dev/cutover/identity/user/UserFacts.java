package dev.cutover.identity.user;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemException;

/** What stops a change of a user. */
final class UserFacts {

    private UserFacts() {
    }

    static final class EmailTaken extends ProblemException {
        EmailTaken() {
            super(ErrorCode.EMAIL_TAKEN, "An account with this email address already exists.");
        }
    }

    static final class VerificationNotAllowed extends ProblemException {
        VerificationNotAllowed(KycStatus current) {
            super(ErrorCode.INVALID_STATE_TRANSITION, "A verification cannot be requested while kyc_status is "
                    + current.wire() + "; it can be from unverified or rejected.");
        }
    }

    static final class NoVerificationPending extends ProblemException {
        NoVerificationPending(KycStatus current) {
            super(ErrorCode.INVALID_STATE_TRANSITION, "The user's kyc_status is " + current.wire()
                    + "; only a pending status can be decided.");
        }
    }
}

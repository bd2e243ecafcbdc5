package dev.cutover.identity.verification;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemException;

/** Only a pending verification can be decided, and only once. */
final class VerificationAlreadyDecided extends ProblemException {

    VerificationAlreadyDecided(String id, VerificationStatus status) {
        super(ErrorCode.INVALID_STATE_TRANSITION, "Verification " + id + " is already " + status.wire()
                + "; only a pending verification can be decided.");
    }
}

package dev.cutover.identity.kyc;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import dev.cutover.kit.problem.ProblemException;

import java.util.List;

/** What stops a KYC record from being submitted or verified. */
final class KycFacts {

    private KycFacts() {
    }

    static final class DocumentExpired extends ProblemException {
        DocumentExpired(String field) {
            super(ErrorCode.VALIDATION_FAILED, "The request is not valid.",
                    List.of(new FieldViolation(field, "the document has expired")));
        }
    }

    static final class RecordNotVerifiable extends ProblemException {
        RecordNotVerifiable(String why) {
            super(ErrorCode.INVALID_STATE_TRANSITION, "This KYC record cannot be verified: " + why + ".");
        }
    }
}

package dev.cutover.kit.problem;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;

import java.util.List;
import java.util.Map;

/**
 * A fact that ends a request with a problem response. Services subclass it with names that state the
 * fact ({@code InsufficientFunds}, {@code AlreadyReversed}); the detail must never contain secrets,
 * card numbers or personal data because it is sent to the client.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Map<String, Object> extensions;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public ProblemException(ErrorCode code, String detail, List<FieldViolation> violations) {
        this(code, detail, violations, Map.of());
    }

    public ProblemException(ErrorCode code, String detail, List<FieldViolation> violations, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.extensions = Map.copyOf(extensions);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Extra members of the problem object beyond the standard ones, e.g. {@code available}. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** A 400 {@code validation_failed} naming one field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ErrorCode.VALIDATION_FAILED, "The request is not valid.",
                List.of(new FieldViolation(field, message)));
    }

    /** A 404 that says nothing about whether the resource exists for someone else. */
    public static ProblemException notFound(String what) {
        return new ProblemException(ErrorCode.NOT_FOUND, "No such " + what + ".");
    }
}

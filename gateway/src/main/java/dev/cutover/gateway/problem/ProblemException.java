package dev.cutover.gateway.problem;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;

import java.util.List;
import java.util.Map;

/**
 * A request the gateway answers with a problem instead of a proxied response. Thrown on hot paths (rate
 * limits), so it carries no stack trace.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Map<String, String> headers;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public ProblemException(ErrorCode code, String detail, List<FieldViolation> violations, Map<String, String> headers) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException invalid(List<FieldViolation> violations) {
        return new ProblemException(ErrorCode.VALIDATION_FAILED, "The request is not valid.", violations, Map.of());
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Headers the response must carry, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}

package dev.cutover.kit.problem;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

/** Builds the one problem shape every Cutover response uses. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(code, detail, List.of(), Map.of());
    }

    public static ProblemDetail of(ErrorCode code, String detail, List<FieldViolation> violations,
            Map<String, Object> extensions) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
        problem.setType(code.type());
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        extensions.forEach(problem::setProperty);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<ProblemDetail> response(ProblemException exception) {
        return response(of(exception.code(), exception.getMessage(), exception.violations(), exception.extensions()));
    }
}

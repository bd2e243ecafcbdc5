package dev.cutover.kit.problem;

import dev.cutover.contracts.error.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The 401 every service answers for a missing, malformed, expired or forged bearer token. */
public final class BearerProblems {

    public static final String CHALLENGE = "Bearer";

    private BearerProblems() {
    }

    public static ProblemDetail unauthorized() {
        return Problems.of(ErrorCode.UNAUTHORIZED, "A valid bearer token is required.");
    }

    static ResponseEntity<ProblemDetail> unauthorizedResponse() {
        ResponseEntity<ProblemDetail> response = Problems.response(unauthorized());
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .body(response.getBody());
    }
}

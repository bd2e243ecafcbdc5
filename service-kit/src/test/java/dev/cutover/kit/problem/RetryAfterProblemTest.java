package dev.cutover.kit.problem;

import dev.cutover.contracts.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterProblemTest {

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(problem(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(problem(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(problem(Duration.ofSeconds(90)).retryAfterSeconds()).isEqualTo(90);
        assertThat(problem(Duration.ofSeconds(90).plusMillis(1)).retryAfterSeconds()).isEqualTo(91);
    }

    @Test
    void theAdviceAnswersTheProblemWithARetryAfterHeader() {
        ResponseEntity<ProblemDetail> response = new ProblemAdvice().retryLater(problem(Duration.ofSeconds(42)));

        assertThat(response.getStatusCode().value()).isEqualTo(429);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("42");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().getProperties()).containsEntry("code", "rate_limited");
    }

    @Test
    void noDatabaseConnectionIsA503TheClientMayRetryNotA500() {
        var timeout = new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("payments - Connection is not available, request timed out after 5000ms"));

        ResponseEntity<ProblemDetail> response = new ProblemAdvice().noDatabaseConnection(timeout);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(response.getBody().getProperties()).containsEntry("code", "dependency_unavailable");
        assertThat(response.getBody().getDetail()).doesNotContain("payments", "5000");
    }

    private static RetryAfterProblem problem(Duration retryAfter) {
        return new RetryAfterProblem(ErrorCode.RATE_LIMITED, "Slow down.", retryAfter);
    }
}

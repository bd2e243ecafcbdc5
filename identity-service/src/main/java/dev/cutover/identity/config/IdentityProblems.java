package dev.cutover.identity.config;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemAdvice;
import dev.cutover.kit.problem.Problems;
import jakarta.persistence.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLException;

/**
 * Identity's problem responses: its facts are {@code ProblemException}s, mapped by the shared advice.
 * One addition: a database failure is logged without its message, because PostgreSQL puts the values of
 * a refused row into it ({@code Key (lower(email))=(...)}, {@code Failing row contains (...)}), and these
 * rows hold email addresses and ciphertexts.
 */
@RestControllerAdvice
class IdentityProblems extends ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(IdentityProblems.class);

    @ExceptionHandler({DataAccessException.class, TransactionException.class, PersistenceException.class})
    ResponseEntity<ProblemDetail> databaseFailure(Exception exception) {
        log.error("Database operation failed: {} (SQLState {})", exception.getClass().getName(), sqlState(exception));
        return Problems.response(Problems.of(ErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side; the request may be retried."));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "none";
    }
}

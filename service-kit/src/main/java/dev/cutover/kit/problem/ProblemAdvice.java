package dev.cutover.kit.problem;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps what can go wrong in any Cutover service to a problem response. Each service declares one
 * {@code @RestControllerAdvice} extending this class and adds handlers for its own facts.
 *
 * <p>Messages are written here, never copied from the exception: parser and validator messages echo
 * the rejected value, and a rejected value may be a card number or a password.
 */
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String INVALID = "The request is not valid.";
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(2);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException exception) {
        return Problems.response(exception);
    }

    @ExceptionHandler(RetryAfterProblem.class)
    ResponseEntity<ProblemDetail> retryLater(RetryAfterProblem exception) {
        ResponseEntity<ProblemDetail> response = Problems.response(exception);
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()))
                .body(response.getBody());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException exception) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError error : exception.getBindingResult().getFieldErrors()) {
            violations.add(new FieldViolation(FieldNames.toJson(error.getField()), messageOf(error.getDefaultMessage())));
        }
        exception.getBindingResult().getGlobalErrors()
                .forEach(error -> violations.add(new FieldViolation("", messageOf(error.getDefaultMessage()))));
        return invalid(violations);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException exception) {
        List<FieldViolation> violations = new ArrayList<>();
        exception.getParameterValidationResults().forEach(result -> {
            String name = FieldNames.parameterName(result.getMethodParameter());
            result.getResolvableErrors().forEach(error ->
                    violations.add(new FieldViolation(name, messageOf(error.getDefaultMessage()))));
        });
        return invalid(violations);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolations(ConstraintViolationException exception) {
        List<FieldViolation> violations = exception.getConstraintViolations().stream()
                .map(v -> new FieldViolation(FieldNames.lastNode(v.getPropertyPath().toString()), messageOf(v.getMessage())))
                .toList();
        return invalid(violations);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception) {
        return invalid(List.of(UnreadableBody.describe(exception)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException exception) {
        return invalid(List.of(new FieldViolation(exception.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException exception) {
        return invalid(List.of(new FieldViolation(exception.getHeaderName(), "header is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistypedParameter(MethodArgumentTypeMismatchException exception) {
        String expected = exception.getRequiredType() == null ? "value" : FieldNames.describeType(exception.getRequiredType());
        return invalid(List.of(new FieldViolation(exception.getName(), "must be " + expected)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException exception) {
        return Problems.response(Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException exception) {
        return Problems.response(Problems.of(ErrorCode.NOT_ACCEPTABLE, "Responses are application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException exception) {
        return Problems.response(Problems.of(ErrorCode.METHOD_NOT_ALLOWED,
                "The method " + exception.getMethod() + " is not allowed here."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException exception) {
        return Problems.response(Problems.of(ErrorCode.NOT_FOUND, "No such resource."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException exception) {
        return Problems.response(Problems.of(ErrorCode.FORBIDDEN, "The token lacks the scope this operation needs."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthorized(AuthenticationException exception) {
        return BearerProblems.unauthorizedResponse();
    }

    /**
     * No database connection within the pool's timeout: the service is overloaded, or the database is away. The
     * request's transaction never began, so the client may retry with the same idempotency key: 503, not 500.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> noDatabaseConnection(Exception exception) {
        log.warn("No database connection: {}", exception.getClass().getSimpleName());
        return retryLater(new RetryAfterProblem(ErrorCode.DEPENDENCY_UNAVAILABLE,
                "The service cannot reach its database right now; retry later.", DATABASE_RETRY_AFTER));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Unhandled {}", exception.getClass().getName(), exception);
        return Problems.response(Problems.of(ErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side; the request may be retried."));
    }

    private static ResponseEntity<ProblemDetail> invalid(List<FieldViolation> violations) {
        List<FieldViolation> sorted = violations.stream()
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList();
        return Problems.response(Problems.of(ErrorCode.VALIDATION_FAILED, INVALID, sorted, java.util.Map.of()));
    }

    private static String messageOf(String message) {
        return message == null ? "is invalid" : message;
    }
}

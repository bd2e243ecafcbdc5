package dev.cutover.gateway.problem;

import dev.cutover.contracts.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Turns every error that reaches the top of the gateway into a problem response. Details are written here,
 * never copied from an exception: messages may name an upstream host or echo request data.
 */
public final class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    /** Ahead of Spring Boot's own handler ({@code -1}). */
    public static final int ORDER = -2;

    /** Exchange attribute holding the request id, set by the edge. */
    public static final String REQUEST_ID_ATTRIBUTE = "dev.cutover.gateway.requestId";

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    public ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemException problem = translate(error);
        if (problem.code().status() >= 500 && !(error instanceof ProblemException)) {
            log.warn("request {} {} failed: {}", exchange.getAttribute(REQUEST_ID_ATTRIBUTE),
                    exchange.getRequest().getPath().value(), error.getClass().getName());
        }
        return writer.write(exchange, problem);
    }

    static ProblemException translate(Throwable error) {
        if (error instanceof ProblemException problem) {
            return problem;
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            String allow = String.join(", ", notAllowed.getSupportedMethods().stream().map(Object::toString).sorted().toList());
            return new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed on this resource.",
                    java.util.List.of(), allow.isEmpty() ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
        }
        if (error instanceof ServerWebInputException) {
            return new ProblemException(ErrorCode.VALIDATION_FAILED, "The request could not be read.");
        }
        if (error instanceof ResponseStatusException statusException) {
            return forStatus(statusException.getStatusCode());
        }
        return new ProblemException(ErrorCode.INTERNAL_ERROR, "The gateway could not handle this request.");
    }

    private static ProblemException forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> new ProblemException(ErrorCode.VALIDATION_FAILED, "The request is not valid.");
            case 401 -> new ProblemException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required.");
            case 403 -> new ProblemException(ErrorCode.FORBIDDEN, "This token may not do that.");
            case 404 -> new ProblemException(ErrorCode.NOT_FOUND, "No such resource.");
            case 406 -> new ProblemException(ErrorCode.NOT_ACCEPTABLE, "No acceptable representation.");
            case 413 -> new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 415 -> new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This content type is not supported here.");
            case 429 -> new ProblemException(ErrorCode.RATE_LIMITED, "Too many requests.");
            case 502 -> new ProblemException(ErrorCode.BAD_GATEWAY, "The upstream service failed to answer.");
            case 503 -> new ProblemException(ErrorCode.DEPENDENCY_UNAVAILABLE, "The upstream service is unavailable.");
            case 504 -> new ProblemException(ErrorCode.GATEWAY_TIMEOUT, "The upstream service did not answer in time.");
            default -> status.is4xxClientError()
                    ? new ProblemException(ErrorCode.VALIDATION_FAILED, "The request is not valid.")
                    : new ProblemException(ErrorCode.INTERNAL_ERROR, "The gateway could not handle this request.");
        };
    }
}

package dev.cutover.gateway.problem;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the one problem shape of SPEC §1: {@code type, title, status, detail, code} and, for validation, {@code errors}. */
public final class ProblemWriter {

    /** What a 401 challenges the client with (RFC 6750). */
    public static final String BEARER_CHALLENGE = "Bearer";

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemException problem) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        // a proxied response may have started to fill these in before things went wrong
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.ETAG);
        response.setStatusCode(HttpStatus.valueOf(problem.code().status()));
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach(headers::set);
        if (problem.code() == ErrorCode.UNAUTHORIZED && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        byte[] body = body(problem);
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    public byte[] body(ProblemException problem) {
        ErrorCode code = problem.code();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.type().toString());
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("detail", problem.getMessage());
        body.put("code", code.code());
        if (!problem.violations().isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            for (FieldViolation violation : problem.violations()) {
                errors.add(Map.of("field", violation.field(), "message", violation.message()));
            }
            body.put("errors", errors);
        }
        return json.writeValueAsBytes(body);
    }
}

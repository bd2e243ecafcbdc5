package dev.cutover.gateway.edge;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.gateway.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * 413 for bodies over the limit. A declared {@code Content-Length} over it is refused before anything else
 * happens; a streamed body is counted as it passes through (never buffered) and cut off at the limit.
 */
public final class BodySizeLimitFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long declared = headers.getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        if (declared >= 0 || !mayStreamABody(exchange.getRequest())) {
            // a declared length bounds the body: HTTP framing ends it there
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Counted(exchange.getRequest(), maxBytes)).build());
    }

    private static boolean mayStreamABody(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)
                || method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    PayloadTooLarge tooLarge() {
        return new PayloadTooLarge(maxBytes);
    }

    /** The body was larger than the gateway accepts. */
    public static final class PayloadTooLarge extends ProblemException {
        PayloadTooLarge(long maxBytes) {
            super(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + maxBytes + " bytes.");
        }
    }

    private static final class Counted extends ServerHttpRequestDecorator {

        private final long maxBytes;

        Counted(ServerHttpRequest delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLarge(maxBytes));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}

package dev.cutover.kit.web;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemWriter;
import dev.cutover.kit.problem.Problems;
import dev.cutover.kit.problem.RetryAfterProblem;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the requests a service works on at once. Past the bound a request is answered at once with
 * {@code 503 dependency_unavailable} and {@code Retry-After}, before its token is verified or its body read.
 * <p>
 * Every request runs on its own virtual thread, so nothing else bounds them: far past its capacity a service would
 * take every connection, its heap would fill with requests in flight and the collector would run back to back until
 * nothing is answered. Shed, the excess costs a few microseconds each and what is admitted is served at its usual
 * latency; the service is answering again the moment the load falls. Probes ({@code /actuator/**}) are never shed.
 */
public final class InFlightLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(InFlightLimit.class);

    /** The one answer to every shed request; stackless, so one instance serves them all. */
    private static final RetryAfterProblem OVERLOADED = new RetryAfterProblem(ErrorCode.DEPENDENCY_UNAVAILABLE,
            "The service is busier than it can serve well right now; retry later.", Duration.ofSeconds(1));
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int limit;
    private final Semaphore permits;
    private final ProblemWriter writer;
    private final LongAdder shed = new LongAdder();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong shedAtLastWarning = new AtomicLong();

    public InFlightLimit(int limit, JsonMapper mapper) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.writer = new ProblemWriter(mapper);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            reject(response);
            return;
        }
        Permit permit = new Permit();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(permit);
            } else {
                permit.release();
            }
        }
    }

    private void reject(HttpServletResponse response) throws IOException {
        shed.increment();
        warnNowAndThen();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(OVERLOADED.retryAfterSeconds()));
        writer.write(response, Problems.of(OVERLOADED.code(), OVERLOADED.getMessage()));
    }

    /** One line every ten seconds at most: a log line per shed request would add to the overload. */
    private void warnNowAndThen() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            long total = shed.sum();
            log.warn("Shed {} requests over the in-flight limit of {} (MAX_IN_FLIGHT)",
                    total - shedAtLastWarning.getAndSet(total), limit);
        }
    }

    public int limit() {
        return limit;
    }

    /** Requests being served now. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }

    /** Requests answered 503 since start. */
    public long shed() {
        return shed.sum();
    }

    /** Given back once: when the request returns, or when its asynchronous processing completes. */
    private final class Permit implements AsyncListener {

        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}

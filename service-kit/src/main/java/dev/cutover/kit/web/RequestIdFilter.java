package dev.cutover.kit.web;

import dev.cutover.contracts.http.CutoverHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accepts the caller's {@code X-Request-Id} (or makes one), echoes it on the response and puts it in
 * the logging context as {@code request_id}, so every log line of the request carries it.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String MDC_KEY = "request_id";

    /** A request id is echoed into headers and logs, so only a safe alphabet and length are taken. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestIdOf(request);
        response.setHeader(CutoverHeaders.REQUEST_ID, requestId);
        MDC.put(MDC_KEY, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    static String requestIdOf(HttpServletRequest request) {
        String offered = request.getHeader(CutoverHeaders.REQUEST_ID);
        if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request the current thread serves, for passing on to downstream calls. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}

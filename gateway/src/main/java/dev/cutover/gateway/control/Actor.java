package dev.cutover.gateway.control;

/**
 * Who is making a control API call.
 *
 * @param subject   the {@code sub} of the verified ops token
 * @param requestId the call's {@code X-Request-Id}
 */
public record Actor(String subject, String requestId) {
}

package dev.cutover.gateway.control;

import java.time.Instant;

/**
 * One change of one domain's weight: who, when, from what, to what, and why.
 *
 * @param action     {@code set_weight} or {@code kill_switch}
 * @param from       the weight ops had in place before (runtime record, else the configured default)
 * @param fromSource where {@code from} came from
 * @param to         the weight set
 * @param requestId  the {@code X-Request-Id} of the control API call
 */
public record AuditEntry(Instant at, String actor, String action, String domain, int from, String fromSource,
                         int to, String toSource, String reason, String requestId) {

    public static final String SET_WEIGHT = "set_weight";
    public static final String KILL_SWITCH = "kill_switch";
}

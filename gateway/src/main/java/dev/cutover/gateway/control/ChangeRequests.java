package dev.cutover.gateway.control;

import dev.cutover.contracts.error.FieldViolation;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.Weights;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads control API bodies strictly: a JSON object with exactly the documented fields, {@code weight} an
 * integer 0–100 (not {@code "50"}, not {@code 50.5}), {@code reason} a non-blank string. Every problem is
 * reported at once, and nothing is changed unless all is well.
 */
final class ChangeRequests {

    static final int MAX_REASON_LENGTH = 500;
    private static final String WEIGHT = "weight";
    private static final String REASON = "reason";

    private ChangeRequests() {
    }

    record SetWeight(Domain domain, int weight, String reason) {
    }

    static SetWeight setWeight(String domainKey, JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        Domain domain = Domain.fromKey(domainKey).orElse(null);
        if (domain == null) {
            violations.add(new FieldViolation("domain", "must be one of " + domainKeys() + "."));
        }
        Integer weight = null;
        String reason = null;
        if (isObject(body, violations)) {
            rejectUnknownFields(body, Set.of(WEIGHT, REASON), violations);
            weight = weight(body.get(WEIGHT), violations);
            reason = reason(body.get(REASON), violations);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new SetWeight(domain, weight, reason);
    }

    static String killSwitchReason(JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        String reason = null;
        if (isObject(body, violations)) {
            rejectUnknownFields(body, Set.of(REASON), violations);
            reason = reason(body.get(REASON), violations);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return reason;
    }

    static int limit(String raw, int defaultLimit, int maxLimit) {
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be an integer from 1 to " + maxLimit + ".");
    }

    private static boolean isObject(JsonNode body, List<FieldViolation> violations) {
        if (body == null || !body.isObject()) {
            violations.add(new FieldViolation("", "the body must be a JSON object."));
            return false;
        }
        return true;
    }

    private static void rejectUnknownFields(JsonNode body, Set<String> known, List<FieldViolation> violations) {
        for (String field : body.propertyNames()) {
            if (!known.contains(field)) {
                violations.add(new FieldViolation(field, "is not a known field."));
            }
        }
    }

    private static Integer weight(JsonNode node, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(WEIGHT, "is required."));
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || !Weights.isValid(node.intValue())) {
            violations.add(new FieldViolation(WEIGHT, "must be an integer from " + Weights.MIN + " to " + Weights.MAX + "."));
            return null;
        }
        return node.intValue();
    }

    private static String reason(JsonNode node, List<FieldViolation> violations) {
        if (node == null || node.isNull() || (node.isString() && node.stringValue().isBlank())) {
            violations.add(new FieldViolation(REASON, "is required: say why the weight changes."));
            return null;
        }
        if (!node.isString()) {
            violations.add(new FieldViolation(REASON, "must be a string."));
            return null;
        }
        String reason = node.stringValue().strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            violations.add(new FieldViolation(REASON, "must be at most " + MAX_REASON_LENGTH + " characters."));
            return null;
        }
        return reason;
    }

    private static String domainKeys() {
        return String.join(", ", java.util.Arrays.stream(Domain.values()).map(Domain::key).toList());
    }
}

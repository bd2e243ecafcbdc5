package dev.cutover.contracts.error;

import java.util.Objects;

/**
 * One entry of a problem's {@code errors} array: which request field was wrong and why.
 *
 * @param field   the JSON path of the field as the client sent it, e.g. {@code lines[1].amount}
 * @param message a human-readable reason; never echoes the rejected value
 */
public record FieldViolation(String field, String message) {

    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}

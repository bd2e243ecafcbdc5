package dev.cutover.kit.problem;

import dev.cutover.contracts.error.FieldViolation;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.time.temporal.Temporal;
import java.util.List;

/**
 * Explains why a JSON body could not be bound, naming the field but never quoting the value.
 */
final class UnreadableBody {

    private UnreadableBody() {
    }

    static FieldViolation describe(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause instanceof PropertyBindingException unknown) {
            return new FieldViolation(path(unknown.getPath(), unknown.getPropertyName()), "is not a known field");
        }
        if (cause instanceof ValueInstantiationException instantiation) {
            return new FieldViolation(path(instantiation.getPath(), null), "is invalid");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = path(mismatch.getPath(), null);
            return new FieldViolation(field, expectation(mismatch.getTargetType(), mismatch instanceof InvalidFormatException));
        }
        if (cause instanceof StreamReadException) {
            return new FieldViolation("", "the body is not well-formed JSON");
        }
        if (cause instanceof JacksonException jackson) {
            return new FieldViolation(path(jackson.getPath(), null), "is invalid");
        }
        return new FieldViolation("", "a JSON body is required");
    }

    private static String expectation(Class<?> target, boolean badFormat) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target == long.class || target == Long.class || target == int.class || target == Integer.class) {
            return "must be an integer";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return "must be an RFC 3339 date or timestamp";
        }
        if (target.isEnum()) {
            return "must be one of the documented values";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        if (java.util.Map.class.isAssignableFrom(target)) {
            return "must be an object";
        }
        return badFormat ? "has an invalid format" : "must be an object";
    }

    private static String path(List<JacksonException.Reference> references, String leaf) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            String name = reference.getPropertyName();
            if (name != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (leaf != null && !out.toString().endsWith(leaf)) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(leaf);
        }
        return out.toString();
    }
}

package dev.cutover.kit.problem;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Turns Java-side names into the names a client sees on the wire. */
final class FieldNames {

    private FieldNames() {
    }

    /** {@code lines[0].accountId} → {@code lines[0].account_id}. */
    static String toJson(String javaPath) {
        StringBuilder out = new StringBuilder(javaPath.length() + 8);
        for (int i = 0; i < javaPath.length(); i++) {
            char c = javaPath.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return toJson(dot < 0 ? propertyPath : propertyPath.substring(dot + 1));
    }

    static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "" : toJson(name);
    }

    static String describeType(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "an RFC 3339 timestamp";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        return "a valid value";
    }
}

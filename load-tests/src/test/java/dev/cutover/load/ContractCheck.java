package dev.cutover.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a request against public API v1 as {@code common-contracts} describes it: the path and method exist, a
 * bearer token is sent where one is needed, query parameters and the {@code Idempotency-Key} header are declared,
 * and the body has the declared media type and fits its schema (required fields, no unknown fields where the
 * contract forbids them, as the services do, types, enums, lengths, ranges). Enough to notice a harness that no
 * longer speaks the API, without a validator library.
 */
final class ContractCheck {

    private static final String CONTRACT = "common-contracts/src/main/resources/contracts/openapi/cutover-api-v1.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> root;
    private final List<Template> templates = new ArrayList<>();

    private record Template(String path, Pattern pattern, Map<String, Object> item) {

        boolean literal() {
            return !path.contains("{");
        }
    }

    private ContractCheck(Map<String, Object> root) {
        this.root = root;
        map(root.get("paths")).forEach((path, item) -> templates.add(new Template(path,
                Pattern.compile("^" + path.replaceAll("\\{[^}/]+}", "[^/]+") + "$"), map(item))));
    }

    /** The contract as this checkout has it ({@code ApiContract.RESOURCE} in common-contracts). */
    static ContractCheck load() {
        Path contract = repositoryRoot().resolve(CONTRACT);
        try {
            return new ContractCheck(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(contract)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the contract " + contract, e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CONTRACT))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the Cutover repository: " + Path.of("").toAbsolutePath());
    }

    /** What is wrong with one request; empty when the contract accepts its shape. */
    List<String> problems(String method, String url, Map<String, String> headers, String body) {
        List<String> problems = new ArrayList<>();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        String what = method + " " + path;
        Template template = templates.stream().filter(t -> t.pattern().matcher(path).matches())
                .min((a, b) -> Boolean.compare(b.literal(), a.literal())).orElse(null);
        if (template == null) {
            return List.of(what + ": no such path in the contract");
        }
        Map<String, Object> operation = map(template.item().get(method.toLowerCase(Locale.ROOT)));
        if (operation.isEmpty()) {
            return List.of(what + ": the contract has no " + method + " on " + template.path());
        }
        Object security = operation.containsKey("security") ? operation.get("security") : root.get("security");
        boolean anonymous = security instanceof Collection<?> c && c.isEmpty();
        if (!anonymous && !header(headers, "Authorization").startsWith("Bearer ")) {
            problems.add(what + ": needs a bearer token");
        }

        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Object parameter : list(template.item().get("parameters"))) {
            parameters.add(resolve(map(parameter)));
        }
        for (Object parameter : list(operation.get("parameters"))) {
            parameters.add(resolve(map(parameter)));
        }
        for (Map.Entry<String, String> param : parse(query).entrySet()) {
            Map<String, Object> declared = parameters.stream()
                    .filter(p -> "query".equals(p.get("in")) && param.getKey().equals(p.get("name"))).findFirst().orElse(null);
            if (declared == null) {
                problems.add(what + ": query parameter " + param.getKey() + " is not in the contract");
            } else {
                validate(param.getValue(), map(declared.get("schema")), what + " ?" + param.getKey(), problems, true);
            }
        }
        if (!header(headers, "Idempotency-Key").isEmpty() && parameters.stream()
                .noneMatch(p -> "header".equals(p.get("in")) && "Idempotency-Key".equalsIgnoreCase(String.valueOf(p.get("name"))))) {
            problems.add(what + ": sends an Idempotency-Key the operation does not take");
        }

        Map<String, Object> requestBody = resolve(map(operation.get("requestBody")));
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isEmpty()) {
            if (hasBody) {
                problems.add(what + ": sends a body the operation does not take");
            }
            return problems;
        }
        if (!hasBody) {
            if (Boolean.TRUE.equals(requestBody.get("required"))) {
                problems.add(what + ": the body is required");
            }
            return problems;
        }
        String mediaType = header(headers, "Content-Type").split(";")[0].trim().toLowerCase(Locale.ROOT);
        Map<String, Object> content = map(map(requestBody.get("content")).get(mediaType));
        if (content.isEmpty()) {
            problems.add(what + ": media type '" + mediaType + "' is not one of " + map(requestBody.get("content")).keySet());
            return problems;
        }
        Map<String, Object> schema = map(content.get("schema"));
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            validate(new LinkedHashMap<String, Object>(parse(body)), schema, what, problems, true);
        } else {
            try {
                validate(JSON.readValue(body, Object.class), schema, what, problems, false);
            } catch (JsonProcessingException e) {
                problems.add(what + ": the body is not JSON");
            }
        }
        return problems;
    }

    private void validate(Object value, Map<String, Object> declared, String where, List<String> problems, boolean form) {
        Map<String, Object> schema = resolve(declared);
        List<String> types = schema.get("type") instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                : schema.get("type") == null ? List.of() : List.of(String.valueOf(schema.get("type")));
        if (value == null) {
            if (!types.contains("null")) {
                problems.add(where + ": must not be null");
            }
            return;
        }
        if (types.contains("object") || schema.containsKey("properties")) {
            if (!(value instanceof Map<?, ?> object)) {
                problems.add(where + ": must be an object");
                return;
            }
            Map<String, Object> properties = map(schema.get("properties"));
            for (Object required : list(schema.get("required"))) {
                if (!object.containsKey(required)) {
                    problems.add(where + ": missing required field " + required);
                }
            }
            Object additional = schema.get("additionalProperties");
            for (Map.Entry<?, ?> field : object.entrySet()) {
                String key = String.valueOf(field.getKey());
                if (properties.containsKey(key)) {
                    validate(field.getValue(), map(properties.get(key)), where + "." + key, problems, form);
                } else if (Boolean.FALSE.equals(additional)) {
                    problems.add(where + ": unknown field " + key + " (the service would refuse it)");
                } else if (additional instanceof Map<?, ?>) {
                    validate(field.getValue(), map(additional), where + "." + key, problems, form);
                }
            }
            if (schema.get("maxProperties") instanceof Number max && object.size() > max.intValue()) {
                problems.add(where + ": more than " + max + " fields");
            }
        } else if (types.contains("array")) {
            if (!(value instanceof List<?> array)) {
                problems.add(where + ": must be an array");
                return;
            }
            if (schema.get("minItems") instanceof Number min && array.size() < min.intValue()) {
                problems.add(where + ": fewer than " + min + " items");
            }
            if (schema.get("maxItems") instanceof Number max && array.size() > max.intValue()) {
                problems.add(where + ": more than " + max + " items");
            }
            for (int i = 0; i < array.size(); i++) {
                validate(array.get(i), map(schema.get("items")), where + "[" + i + "]", problems, form);
            }
        } else if (types.contains("integer")) {
            Long number = null;
            if (value instanceof Integer || value instanceof Long) {
                number = ((Number) value).longValue();
            } else if (form && value instanceof String s && s.matches("-?\\d+")) {
                number = Long.valueOf(s);
            }
            if (number == null) {
                problems.add(where + ": must be an integer");
                return;
            }
            if (schema.get("minimum") instanceof Number min && number < min.longValue()) {
                problems.add(where + ": below " + min);
            }
            if (schema.get("maximum") instanceof Number max && number > max.longValue()) {
                problems.add(where + ": above " + max);
            }
        } else if (types.contains("boolean")) {
            if (!(value instanceof Boolean) && !(form && ("true".equals(value) || "false".equals(value)))) {
                problems.add(where + ": must be true or false");
            }
        } else if (types.contains("string")) {
            if (!(value instanceof String text)) {
                problems.add(where + ": must be a string");
                return;
            }
            if (schema.get("enum") instanceof Collection<?> allowed && !allowed.contains(text)) {
                problems.add(where + ": '" + text + "' is not one of " + allowed);
            }
            if (schema.get("minLength") instanceof Number min && text.length() < min.intValue()) {
                problems.add(where + ": shorter than " + min);
            }
            if (schema.get("maxLength") instanceof Number max && text.length() > max.intValue()) {
                problems.add(where + ": longer than " + max);
            }
            if (schema.get("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(text).find()) {
                problems.add(where + ": does not match " + pattern);
            }
            if ("date".equals(schema.get("format")) && !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                problems.add(where + ": not a full-date");
            }
        }
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Map<String, Object> resolved = schema;
        while (resolved.get("$ref") instanceof String ref) {
            Object node = root;
            for (String part : ref.substring(2).split("/")) {
                node = map(node).get(part);
            }
            resolved = map(node);
        }
        return resolved;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }
}

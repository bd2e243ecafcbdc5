package dev.cutover.system.deployment;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Files of this repository, and the small YAML vocabulary the deployment tests share. */
final class Repo {

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("system-tests"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the Cutover repository: " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static Map<String, Object> yamlMap(Path path) {
        return asMap(yaml().load(read(path)));
    }

    static Object yamlValue(String text) {
        return yaml().load(text);
    }

    /** Every non-empty document of a multi-document file. */
    static List<Map<String, Object>> yamlDocuments(Path path) {
        return yamlDocuments(read(path));
    }

    static List<Map<String, Object>> yamlDocuments(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document != null) {
                documents.add(asMap(document));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("Expected a mapping but got " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A nested mapping, or an empty one when absent. */
    static Map<String, Object> map(Map<String, Object> parent, String... path) {
        Object value = at(parent, path);
        return value == null ? Map.of() : asMap(value);
    }

    /** A nested list of mappings, or an empty list when absent. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> parent, String... path) {
        Object value = at(parent, path);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** A nested list of scalars as strings, or an empty list when absent. */
    static List<String> strings(Map<String, Object> parent, String... path) {
        Object value = at(parent, path);
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    /** A nested scalar as a string, or null when absent. */
    static String string(Map<String, Object> parent, String... path) {
        Object value = at(parent, path);
        return value == null ? null : String.valueOf(value);
    }

    static Object at(Map<String, Object> parent, String... path) {
        Object current = parent;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}

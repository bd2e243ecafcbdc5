package dev.cutover.system.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A deliberately tiny stand-in for {@code kustomize build}, so that the Kubernetes descriptors can be checked
 * where neither kustomize nor kubectl is installed. It implements exactly what deploy/k8s uses, and refuses
 * (throws) any other kustomization field, so that a descriptor can never rely on something this renderer
 * silently skips.
 *
 * <p>Implemented:
 * <ul>
 *   <li>{@code resources}: YAML files (multi-document) and directories holding a kustomization.yaml, recursively;</li>
 *   <li>{@code configMapGenerator} / {@code secretGenerator}: {@code name}, {@code behavior}
 *       (create, merge, replace), {@code literals} ({@code KEY=VALUE}, split at the first {@code =}), {@code files}
 *       ({@code path} or {@code key=path}, which must stay inside the kustomization directory, as kustomize's
 *       default load restrictor demands);</li>
 *   <li>{@code patches} whose patch (inline or {@code path}) is a JSON 6902 list of {@code add}, {@code replace}
 *       or {@code remove} operations, selected by {@code target.kind} and an optional {@code target.name}
 *       (a regular expression matching the whole name);</li>
 *   <li>{@code images}: {@code name} → {@code newName}, {@code newTag}, {@code digest}, on the containers and
 *       init containers of Deployments.</li>
 * </ul>
 *
 * <p>Not implemented, and different from kustomize: generated names get no content-hash suffix, so references
 * to generated ConfigMaps and Secrets keep their declared names (kustomize renames both sides consistently;
 * {@link KustomizeTest} checks that against the real binary when one is installed); Secret values stay plain
 * text under {@code data} instead of base64; quotes inside literals are not stripped; strategic-merge patches,
 * {@code namespace}, {@code namePrefix}/{@code nameSuffix}, labels, {@code replicas}, components, generator
 * options, {@code envs} files and every other field throw {@link UnsupportedOperationException}.
 */
final class MiniKustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "configMapGenerator", "secretGenerator", "patches", "images");
    private static final Set<String> SUPPORTED_GENERATOR_FIELDS = Set.of("name", "behavior", "literals", "files");

    private MiniKustomize() {
    }

    /** The resources the kustomization in {@code directory} produces, in no particular order. */
    static List<Map<String, Object>> build(Path directory) {
        Path kustomizationFile = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(kustomizationFile)) {
            throw new IllegalArgumentException("No kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Repo.yamlMap(kustomizationFile);
        Set<String> unsupported = new TreeSet<>(kustomization.keySet());
        unsupported.removeAll(SUPPORTED_FIELDS);
        if (!unsupported.isEmpty()) {
            throw new UnsupportedOperationException(kustomizationFile + " uses " + unsupported + ", which this renderer does not implement");
        }

        List<Map<String, Object>> resources = new ArrayList<>();
        for (String resource : Repo.strings(kustomization, "resources")) {
            Path path = directory.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else {
                resources.addAll(Repo.yamlDocuments(path));
            }
        }
        for (Map<String, Object> generator : Repo.maps(kustomization, "configMapGenerator")) {
            generate(resources, "ConfigMap", generator, directory);
        }
        for (Map<String, Object> generator : Repo.maps(kustomization, "secretGenerator")) {
            generate(resources, "Secret", generator, directory);
        }
        for (Map<String, Object> patch : Repo.maps(kustomization, "patches")) {
            patch(resources, patch, directory);
        }
        for (Map<String, Object> image : Repo.maps(kustomization, "images")) {
            retag(resources, image);
        }
        return resources;
    }

    private static void generate(List<Map<String, Object>> resources, String kind, Map<String, Object> generator, Path directory) {
        Set<String> unsupported = new TreeSet<>(generator.keySet());
        unsupported.removeAll(SUPPORTED_GENERATOR_FIELDS);
        if (!unsupported.isEmpty()) {
            throw new UnsupportedOperationException(kind + " generator uses " + unsupported + ", which this renderer does not implement");
        }
        String name = Objects.requireNonNull(Repo.string(generator, "name"), "generator without a name");
        Map<String, Object> data = new LinkedHashMap<>();
        for (String literal : Repo.strings(generator, "literals")) {
            int equals = literal.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("Literal without KEY=: " + literal);
            }
            data.put(literal.substring(0, equals), literal.substring(equals + 1));
        }
        for (String file : Repo.strings(generator, "files")) {
            int equals = file.indexOf('=');
            String relative = equals < 0 ? file : file.substring(equals + 1);
            Path path = directory.resolve(relative).normalize();
            if (!path.startsWith(directory.normalize())) {
                throw new IllegalArgumentException(file + " is outside " + directory + "; kustomize refuses to load it");
            }
            data.put(equals < 0 ? path.getFileName().toString() : file.substring(0, equals), Repo.read(path));
        }

        String behavior = Objects.requireNonNullElse(Repo.string(generator, "behavior"), "create");
        Map<String, Object> existing = find(resources, kind, name);
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new IllegalArgumentException(kind + " " + name + " already exists; use behavior merge or replace");
                }
                Map<String, Object> generated = new LinkedHashMap<>();
                generated.put("apiVersion", "v1");
                generated.put("kind", kind);
                generated.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
                if (kind.equals("Secret")) {
                    generated.put("type", "Opaque");
                }
                generated.put("data", data);
                resources.add(generated);
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(kind + " " + name + " does not exist to " + behavior);
                }
                Map<String, Object> merged = behavior.equals("merge") ? new LinkedHashMap<>(Repo.map(existing, "data")) : new LinkedHashMap<>();
                merged.putAll(data);
                existing.put("data", merged);
            }
            default -> throw new UnsupportedOperationException("behavior " + behavior);
        }
    }

    private static void patch(List<Map<String, Object>> resources, Map<String, Object> patch, Path directory) {
        Set<String> unsupported = new TreeSet<>(patch.keySet());
        unsupported.removeAll(Set.of("target", "patch", "path"));
        Set<String> targetFields = new TreeSet<>(Repo.map(patch, "target").keySet());
        targetFields.removeAll(Set.of("kind", "name"));
        if (!unsupported.isEmpty() || !targetFields.isEmpty()) {
            throw new UnsupportedOperationException("patch uses " + unsupported + targetFields + ", which this renderer does not implement");
        }
        String kind = Objects.requireNonNull(Repo.string(patch, "target", "kind"), "patch without target.kind");
        Pattern name = Pattern.compile(Objects.requireNonNullElse(Repo.string(patch, "target", "name"), ".*"));
        String text = patch.containsKey("patch") ? Repo.string(patch, "patch") : Repo.read(directory.resolve(Repo.string(patch, "path")));
        if (!(Repo.yamlValue(text) instanceof List<?> operations)) {
            throw new UnsupportedOperationException("Only JSON 6902 patches (a list of operations) are implemented, not: " + text);
        }
        int matched = 0;
        for (Map<String, Object> resource : resources) {
            if (kind.equals(resource.get("kind")) && name.matcher(Repo.string(resource, "metadata", "name")).matches()) {
                matched++;
                for (Object operation : operations) {
                    apply(resource, Repo.asMap(operation));
                }
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException("patch target " + kind + " " + name + " matches nothing");
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> resource, Map<String, Object> operation) {
        String op = Repo.string(operation, "op");
        List<String> path = new ArrayList<>();
        for (String segment : Repo.string(operation, "path").substring(1).split("/", -1)) {
            path.add(segment.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = resource;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = parent instanceof List<?> list ? list.get(Integer.parseInt(segment)) : ((Map<String, Object>) parent).get(segment);
            if (parent == null) {
                throw new IllegalArgumentException("No " + operation.get("path") + " in " + Repo.string(resource, "metadata", "name"));
            }
        }
        String last = path.get(path.size() - 1);
        Object value = operation.get("value");
        if (parent instanceof Map<?, ?>) {
            Map<String, Object> map = (Map<String, Object>) parent;
            switch (op) {
                case "add" -> map.put(last, value);
                case "replace", "remove" -> {
                    if (!map.containsKey(last)) {
                        throw new IllegalArgumentException(op + " of missing " + operation.get("path"));
                    }
                    if (op.equals("replace")) {
                        map.put(last, value);
                    } else {
                        map.remove(last);
                    }
                }
                default -> throw new UnsupportedOperationException("JSON 6902 op " + op);
            }
        } else {
            List<Object> list = (List<Object>) parent;
            switch (op) {
                case "add" -> list.add(last.equals("-") ? list.size() : Integer.parseInt(last), value);
                case "replace" -> list.set(Integer.parseInt(last), value);
                case "remove" -> list.remove(Integer.parseInt(last));
                default -> throw new UnsupportedOperationException("JSON 6902 op " + op);
            }
        }
    }

    private static void retag(List<Map<String, Object>> resources, Map<String, Object> image) {
        String name = Repo.string(image, "name");
        for (Map<String, Object> resource : resources) {
            if (!"Deployment".equals(resource.get("kind"))) {
                continue;
            }
            Map<String, Object> pod = Repo.map(resource, "spec", "template", "spec");
            List<Map<String, Object>> containers = new ArrayList<>(Repo.maps(pod, "containers"));
            containers.addAll(Repo.maps(pod, "initContainers"));
            for (Map<String, Object> container : containers) {
                String reference = Repo.string(container, "image");
                String repository = repositoryOf(reference);
                if (!repository.equals(name)) {
                    continue;
                }
                String rest = reference.substring(repository.length());
                String newName = Objects.requireNonNullElse(Repo.string(image, "newName"), repository);
                if (image.containsKey("digest")) {
                    rest = "@" + Repo.string(image, "digest");
                } else if (image.containsKey("newTag")) {
                    rest = ":" + Repo.string(image, "newTag");
                }
                container.put("image", newName + rest);
            }
        }
    }

    /** The image reference without its tag or digest. */
    static String repositoryOf(String reference) {
        String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream()
                .filter(resource -> kind.equals(resource.get("kind")) && name.equals(Repo.string(resource, "metadata", "name")))
                .findFirst().orElse(null);
    }
}

package dev.cutover.system.deployment;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rendered Kubernetes resources, and the questions the tests ask of them: which Deployment a Service, a
 * budget or an autoscaler points at, and what environment a container really gets once its ConfigMap and
 * Secret references are resolved.
 */
record Rendered(List<Map<String, Object>> resources) {

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
    }

    Map<String, Object> get(String kind, String name) {
        Map<String, Object> resource = MiniKustomize.find(resources, kind, name);
        if (resource == null) {
            throw new AssertionError("No " + kind + " named " + name + " is rendered");
        }
        return resource;
    }

    boolean has(String kind, String name) {
        return MiniKustomize.find(resources, kind, name) != null;
    }

    static String name(Map<String, Object> resource) {
        return Repo.string(resource, "metadata", "name");
    }

    static Map<String, Object> pod(Map<String, Object> deployment) {
        return Repo.map(deployment, "spec", "template", "spec");
    }

    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return Repo.map(deployment, "spec", "template", "metadata", "labels");
    }

    /** The one container of a Deployment (every Cutover pod has exactly one). */
    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = Repo.maps(pod(deployment), "containers");
        if (containers.size() != 1) {
            throw new AssertionError(name(deployment) + " has " + containers.size() + " containers, expected one");
        }
        return containers.get(0);
    }

    /** The Deployments whose pods carry every label of {@code selector}. */
    List<Map<String, Object>> deploymentsSelectedBy(Map<String, Object> selector) {
        if (selector.isEmpty()) {
            throw new AssertionError("An empty selector selects everything");
        }
        return ofKind("Deployment").stream()
                .filter(deployment -> podLabels(deployment).entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** The container port a port reference (a number or a container port's name) means in a Deployment. */
    static int containerPort(Map<String, Object> deployment, Object reference) {
        for (Map<String, Object> port : Repo.maps(container(deployment), "ports")) {
            if (Objects.equals(String.valueOf(reference), Repo.string(port, "name"))
                    || Objects.equals(String.valueOf(reference), Repo.string(port, "containerPort"))) {
                return Integer.parseInt(Repo.string(port, "containerPort"));
            }
        }
        throw new AssertionError(name(deployment) + " has no container port " + reference);
    }

    /** Where a connection to {@code host:port} inside the cluster lands: the Deployment behind the Service, and its container port. */
    Endpoint endpoint(String host, int port) {
        Map<String, Object> service = get("Service", host);
        Map<String, Object> servicePort = Repo.maps(service, "spec", "ports").stream()
                .filter(candidate -> Integer.parseInt(Repo.string(candidate, "port")) == port)
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + host + " has no port " + port));
        List<Map<String, Object>> selected = deploymentsSelectedBy(Repo.map(service, "spec", "selector"));
        if (selected.size() != 1) {
            throw new AssertionError("Service " + host + " selects " + selected.size() + " Deployments");
        }
        Object target = Objects.requireNonNullElse(servicePort.get("targetPort"), port);
        return new Endpoint(name(selected.get(0)), containerPort(selected.get(0), target));
    }

    Endpoint endpoint(URI uri) {
        return endpoint(uri.getHost(), uri.getPort());
    }

    record Endpoint(String deployment, int containerPort) {
    }

    /**
     * The environment a Deployment's container starts with: {@code envFrom} first, then {@code env} (which wins),
     * each reference resolved against the rendered ConfigMaps and Secrets. When {@code incomplete} (the base, which
     * leaves Secrets and some ConfigMap keys to its overlays), a Secret that is not rendered or a ConfigMap key that
     * is missing resolves to {@code <from overlay: ...>}; otherwise either fails.
     */
    Map<String, String> environment(Map<String, Object> deployment, boolean incomplete) {
        Map<String, Object> container = container(deployment);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : Repo.maps(container, "envFrom")) {
            if (source.containsKey("prefix")) {
                throw new AssertionError("envFrom prefix is not supported by these checks");
            }
            if (source.containsKey("configMapRef")) {
                Repo.map(get("ConfigMap", Repo.string(source, "configMapRef", "name")), "data")
                        .forEach((key, value) -> environment.put(key, String.valueOf(value)));
            } else if (source.containsKey("secretRef") && !incomplete) {
                Repo.map(get("Secret", Repo.string(source, "secretRef", "name")), "data")
                        .forEach((key, value) -> environment.put(key, String.valueOf(value)));
            } else if (!source.containsKey("secretRef")) {
                throw new AssertionError("Unsupported envFrom source " + source);
            }
        }
        for (Map<String, Object> variable : Repo.maps(container, "env")) {
            String name = Repo.string(variable, "name");
            if (variable.containsKey("value")) {
                environment.put(name, Repo.string(variable, "value"));
            } else if (Repo.at(variable, "valueFrom", "configMapKeyRef") != null) {
                Map<String, Object> reference = Repo.map(variable, "valueFrom", "configMapKeyRef");
                boolean missing = !Repo.map(get("ConfigMap", Repo.string(reference, "name")), "data").containsKey(Repo.string(reference, "key"));
                environment.put(name, missing && incomplete
                        ? "<from overlay: " + Repo.string(reference, "key") + ">"
                        : lookUp("ConfigMap", reference, name));
            } else if (Repo.at(variable, "valueFrom", "secretKeyRef") != null) {
                Map<String, Object> reference = Repo.map(variable, "valueFrom", "secretKeyRef");
                boolean missing = !has("Secret", Repo.string(reference, "name"));
                environment.put(name, missing && incomplete
                        ? "<from overlay: " + Repo.string(reference, "name") + "/" + Repo.string(reference, "key") + ">"
                        : lookUp("Secret", reference, name));
            } else {
                throw new AssertionError(name + " in " + name(deployment) + " has a source these checks do not resolve: " + variable);
            }
        }
        return environment;
    }

    private String lookUp(String kind, Map<String, Object> reference, String variable) {
        Map<String, Object> data = Repo.map(get(kind, Repo.string(reference, "name")), "data");
        String key = Repo.string(reference, "key");
        if (!data.containsKey(key)) {
            throw new AssertionError(variable + " refers to " + kind + " " + Repo.string(reference, "name") + " key " + key + ", which it lacks");
        }
        return String.valueOf(data.get(key));
    }
}

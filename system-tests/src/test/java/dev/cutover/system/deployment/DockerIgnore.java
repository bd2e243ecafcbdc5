package dev.cutover.system.deployment;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** A {@code .dockerignore} file: which paths of its build context reach the Docker build. */
record DockerIgnore(List<String> rules) {

    static DockerIgnore read(Path file) {
        return new DockerIgnore(Repo.read(file).lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
    }

    /**
     * Docker's rule: the last pattern matching the path or one of its parent directories decides; '!' re-includes.
     * {@code path} is relative to the build context.
     */
    boolean sends(String path) {
        boolean included = true;
        for (String rule : rules) {
            boolean exception = rule.startsWith("!");
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (exception ? rule.substring(1) : rule));
            for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
                if (matcher.matches(candidate)) {
                    included = exception;
                    break;
                }
            }
        }
        return included;
    }
}

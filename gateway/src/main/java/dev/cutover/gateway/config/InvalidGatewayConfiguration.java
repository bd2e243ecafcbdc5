package dev.cutover.gateway.config;

import java.util.List;

/** The environment or configuration holds values the gateway cannot start with; each problem names its variable. */
public final class InvalidGatewayConfiguration extends RuntimeException {

    private final List<String> problems;

    InvalidGatewayConfiguration(List<String> problems) {
        super("Invalid gateway configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

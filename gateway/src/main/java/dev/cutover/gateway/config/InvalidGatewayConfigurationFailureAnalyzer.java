package dev.cutover.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the problems of an {@link InvalidGatewayConfiguration} as Spring Boot's startup failure report. */
public final class InvalidGatewayConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidGatewayConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidGatewayConfiguration cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the environment variables named above (docs/gateway.md lists them all) and start again.", cause);
    }
}

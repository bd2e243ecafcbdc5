package dev.cutover.identity.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or malformed master key into Spring Boot's startup report: what is wrong and what to
 * do, instead of a chain of bean creation exceptions.
 */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKey.Unusable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKey.Unusable cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + MasterKey.ENVIRONMENT_VARIABLE + " to 32 random bytes in base64 (openssl rand -base64 32),"
                        + " the same value on every replica; for a local run only, activate the 'local' profile.",
                cause);
    }
}

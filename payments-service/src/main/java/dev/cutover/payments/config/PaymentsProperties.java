package dev.cutover.payments.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * @param testMode      whether the built-in test payment methods, card tokens and deterministic processor are on
 * @param identity      where the KYC status comes from
 * @param ledger        where postings go
 * @param serviceClient how this service obtains its own {@code service}-scope token
 * @param tasks         the task queue that processes payments and posts them
 */
@ConfigurationProperties("cutover.payments")
public record PaymentsProperties(
        @DefaultValue("false") boolean testMode,
        Upstream identity,
        Upstream ledger,
        ServiceClient serviceClient,
        Tasks tasks) {

    public record Upstream(URI baseUrl, @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {
    }

    public record ServiceClient(URI tokenUri, String clientId, String clientSecret) {
    }

    /**
     * @param retryInitial the wait after a task's first failure; it doubles with each further failure
     * @param retryMax     the longest wait between two attempts
     */
    public record Tasks(@DefaultValue("8") int threads, @DefaultValue("1s") Duration pollingInterval,
            @DefaultValue("1s") Duration retryInitial, @DefaultValue("5m") Duration retryMax) {
    }
}

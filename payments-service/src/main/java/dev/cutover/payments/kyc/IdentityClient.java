package dev.cutover.payments.kyc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * identity's {@code GET /internal/v1/users/{id}/kyc-status}. The resilience is configured in YAML under
 * the instance name {@value #INSTANCE}: retry (outermost) → circuit breaker → time limiter → the call.
 */
@Component
class IdentityClient {

    static final String INSTANCE = "identity";

    private final RestClient http;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    IdentityClient(@Qualifier("identityRestClient") RestClient http) {
        this.http = http;
    }

    /** Only the fields this service reads; the peer may send more. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record KycStatusResponse(String userId, String kycStatus) {
    }

    @Retry(name = INSTANCE)
    @CircuitBreaker(name = INSTANCE)
    @TimeLimiter(name = INSTANCE)
    public CompletableFuture<KycStatus> kycStatus(String userId) {
        return CompletableFuture.supplyAsync(() -> fetch(userId), calls);
    }

    private KycStatus fetch(String userId) {
        try {
            return http.get().uri("/internal/v1/users/{id}/kyc-status", userId)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (status.value() == 404) {
                            return KycStatus.UNVERIFIED; // identity does not know the user: certainly not verified
                        }
                        if (!status.is2xxSuccessful()) {
                            throw new IdentityUnavailable("identity answered " + status.value(), null);
                        }
                        KycStatusResponse body = response.bodyTo(KycStatusResponse.class);
                        return body == null ? KycStatus.UNVERIFIED : KycStatus.fromWire(body.kycStatus());
                    });
        } catch (RestClientException unreachable) {
            throw new IdentityUnavailable("identity unreachable", unreachable);
        }
    }
}

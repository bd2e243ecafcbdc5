package dev.cutover.gateway.control;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the change streams of each domain that syncs with the monolith are (ADR 63), for {@code GET /ops/v1/routing}:
 * the owning service's {@code /internal/v1/sync}, asked with the ops caller's own token. A service that does not
 * answer in time is {@code unavailable}; one that runs without the sync is {@code off}.
 */
public final class SyncStatus {

    private final Map<String, URI> services;
    private final WebClient client;
    private final Duration timeout;

    /** @param services the syncing domains' services by domain key, e.g. {@code payments} → its base URI */
    public SyncStatus(Map<String, URI> services, WebClient client, Duration timeout) {
        this.services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        this.client = client;
        this.timeout = timeout;
    }

    /** Each syncing domain's streams, by domain key. */
    Mono<Map<String, Object>> of(String authorization) {
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(service -> ask(service.getValue(), authorization).map(answer -> Map.entry(service.getKey(), answer)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private Mono<Object> ask(URI service, String authorization) {
        return client.get().uri(service.resolve("/internal/v1/sync"))
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .retrieve().bodyToMono(JsonNode.class)
                .timeout(timeout)
                .<Object>map(body -> body.path("streams"))
                .onErrorResume(WebClientResponseException.class, refused -> Mono.just(refused.getStatusCode() == HttpStatus.NOT_FOUND
                        ? Map.of("status", "off") : unavailable("answered " + refused.getStatusCode().value())))
                .onErrorResume(error -> Mono.just(unavailable(error.getClass().getSimpleName())));
    }

    private static Map<String, Object> unavailable(String reason) {
        return Map.of("status", "unavailable", "reason", reason);
    }
}

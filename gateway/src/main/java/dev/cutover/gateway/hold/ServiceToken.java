package dev.cutover.gateway.hold;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * The gateway's own access token (client credentials at identity, scope {@code service}), fetched when first needed
 * and kept until 30 s before it expires; a failed fetch is not kept, so the next caller tries again.
 */
final class ServiceToken {

    private static final Duration EARLY = Duration.ofSeconds(30);

    private final Mono<String> token;

    ServiceToken(WebClient client, String tokenUri, String clientId, String clientSecret) {
        this.token = client.post().uri(tokenUri).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("client_id", clientId)
                        .with("client_secret", clientSecret))
                .retrieve().bodyToMono(JsonNode.class)
                .map(Grant::of)
                .cache(grant -> grant.lifetime().minus(EARLY).isNegative() ? Duration.ZERO : grant.lifetime().minus(EARLY),
                        error -> Duration.ZERO, () -> Duration.ZERO)
                .map(Grant::accessToken);
    }

    Mono<String> get() {
        return token;
    }

    private record Grant(String accessToken, Duration lifetime) {
        static Grant of(JsonNode body) {
            return new Grant(body.path("access_token").asString(), Duration.ofSeconds(body.path("expires_in").asLong(60)));
        }
    }
}

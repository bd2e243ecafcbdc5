package dev.cutover.payments.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This service's own access token ({@code client_credentials} at identity), fetched when first needed and
 * renewed a minute before it expires, so calls to identity and the ledger do not pay for a token each.
 */
public class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final RestClient http;
    private final PaymentsProperties.ServiceClient client;
    private final Clock clock;
    private volatile Current current;

    public ServiceToken(RestClient.Builder builder, PaymentsProperties.ServiceClient client, Clock clock) {
        this.http = builder.build();
        this.client = client;
        this.clock = clock;
    }

    record Current(String token, Instant renewAt) {
    }

    /** Only the fields this service reads; the peer may send more. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String accessToken, long expiresIn) {
    }

    public String get() {
        Current now = current;
        if (now == null || !clock.instant().isBefore(now.renewAt())) {
            synchronized (this) {
                now = current;
                if (now == null || !clock.instant().isBefore(now.renewAt())) {
                    now = fetch();
                    current = now;
                }
            }
        }
        return now.token();
    }

    /** Forgets the token, e.g. after a peer rejected it. */
    public void invalidate() {
        current = null;
    }

    private Current fetch() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", client.clientId());
        form.add("client_secret", client.clientSecret() == null ? "" : client.clientSecret());
        TokenResponse response = http.post().uri(client.tokenUri())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(TokenResponse.class);
        if (response == null || response.accessToken() == null) {
            throw new IllegalStateException("identity returned no access token");
        }
        Instant renewAt = clock.instant().plusSeconds(response.expiresIn()).minus(RENEW_BEFORE_EXPIRY);
        return new Current(response.accessToken(), renewAt);
    }
}

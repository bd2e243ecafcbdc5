package dev.cutover.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The plain HTTP client the simulations use before the load starts, to create what the measured requests need.
 * It is not measured, so it favours clear failures over speed: any unexpected status stops the simulation with
 * the method, path, status and problem body.
 */
final class SetupClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SetupClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** {@code grant_type=password}, form-encoded as mobile clients send it; the access token. */
    String signIn(String email, String password) {
        return form("/api/v1/auth/token", Map.of("grant_type", "password", "email", email, "password", password))
                .path("access_token").asText();
    }

    /** {@code grant_type=client_credentials} for an ops or service client; the access token. */
    String clientToken(String clientId, String clientSecret) {
        return form("/api/v1/auth/token", Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret))
                .path("access_token").asText();
    }

    JsonNode post(String path, String token, Map<String, ?> body, int expectedStatus) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        return send(request.build(), expectedStatus);
    }

    JsonNode get(String path, String token) {
        return send(request(path, token).GET().build(), 200);
    }

    private JsonNode form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("X-Request-Id", "bench-setup-" + UUID.randomUUID());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("Set-up request %s %s answered %d, expected %d: %s".formatted(
                        request.method(), request.uri(), response.statusCode(), expectedStatus, response.body()));
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Set-up request %s %s failed: %s (is the suite up? ./cutover up)"
                    .formatted(request.method(), request.uri(), e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during set-up", e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

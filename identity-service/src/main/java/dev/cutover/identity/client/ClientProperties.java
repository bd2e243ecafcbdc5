package dev.cutover.identity.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The clients to seed, e.g. {@code cutover.identity.clients[0].id=ops-console}, {@code .secret-hash=...},
 * {@code .scopes=ops}.
 *
 * @param clients                 the ops and service clients
 * @param allowPlainClientSecrets whether a client may be configured with a plain {@code secret}, hashed at
 *                                startup; for local runs and tests only (ADR 0026)
 */
@ConfigurationProperties("cutover.identity")
public record ClientProperties(@DefaultValue List<ConfiguredClient> clients, @DefaultValue("false") boolean allowPlainClientSecrets) {

    /**
     * @param id         the client id, also the {@code sub} of its tokens
     * @param secret     a plain secret (local runs only)
     * @param secretHash the secret's hash, {@code {argon2}...} or {@code {bcrypt}...}
     * @param scopes     {@code ops} and/or {@code service}
     */
    public record ConfiguredClient(String id, String secret, String secretHash, List<String> scopes) {

        /** The configuration says nothing a log line may not repeat: no secret, no hash. */
        @Override
        public String toString() {
            return "ConfiguredClient[" + id + ", scopes=" + scopes + "]";
        }
    }
}

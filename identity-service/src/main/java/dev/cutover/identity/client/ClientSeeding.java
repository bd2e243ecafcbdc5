package dev.cutover.identity.client;

import dev.cutover.contracts.auth.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seeds the configured ops and service clients at startup. A client with neither secret nor hash is
 * skipped with a warning (it simply cannot get tokens); anything malformed stops the start with a message
 * naming the client, never its secret.
 */
@Component
class ClientSeeding implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClientSeeding.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<Scope> CLIENT_SCOPES = EnumSet.of(Scope.OPS, Scope.SERVICE);

    private final ClientProperties properties;
    private final ClientRegistry registry;
    private final PasswordEncoder passwords;

    ClientSeeding(ClientProperties properties, ClientRegistry registry, PasswordEncoder passwords) {
        this.properties = properties;
        this.registry = registry;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (ClientProperties.ConfiguredClient client : properties.clients()) {
            seed(client);
        }
    }

    private void seed(ClientProperties.ConfiguredClient client) {
        if (client.id() == null || !CLIENT_ID.matcher(client.id()).matches()) {
            throw new IllegalStateException("cutover.identity.clients: client id '" + client.id()
                    + "' must be 1 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
        Set<Scope> scopes = scopesOf(client);
        boolean hasSecret = client.secret() != null && !client.secret().isBlank();
        boolean hasHash = client.secretHash() != null && !client.secretHash().isBlank();
        if (hasSecret && hasHash) {
            throw new IllegalStateException("cutover.identity.clients: client " + client.id()
                    + " has both secret and secret-hash; configure one");
        }
        if (!hasSecret && !hasHash) {
            log.warn("Client {} has no secret configured and cannot obtain tokens", client.id());
            return;
        }
        String hash;
        if (hasHash) {
            hash = client.secretHash().strip();
            if (!hash.startsWith("{argon2}") && !hash.startsWith("{bcrypt}")) {
                throw new IllegalStateException("cutover.identity.clients: the secret-hash of client " + client.id()
                        + " must start with {argon2} or {bcrypt}");
            }
        } else {
            if (!properties.allowPlainClientSecrets()) {
                throw new IllegalStateException("cutover.identity.clients: client " + client.id() + " has a plain secret;"
                        + " configure secret-hash instead, or set cutover.identity.allow-plain-client-secrets for local runs");
            }
            hash = passwords.encode(client.secret());
        }
        registry.upsert(client.id(), hash, scopes);
        log.info("Client {} seeded with scopes {}", client.id(), scopes);
    }

    private static Set<Scope> scopesOf(ClientProperties.ConfiguredClient client) {
        if (client.scopes() == null || client.scopes().isEmpty()) {
            throw new IllegalStateException("cutover.identity.clients: client " + client.id() + " needs scopes (ops, service)");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String value : client.scopes()) {
            Scope scope = Scope.fromValue(value.strip()).filter(CLIENT_SCOPES::contains)
                    .orElseThrow(() -> new IllegalStateException("cutover.identity.clients: client " + client.id()
                            + " may only have the scopes ops and service, not '" + value + "'"));
            scopes.add(scope);
        }
        return scopes;
    }
}

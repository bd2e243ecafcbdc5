package dev.cutover.identity.client;

import dev.cutover.contracts.auth.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The {@code clients} table: authenticates a client id and secret, and takes the seeded clients. */
@Component
public class ClientRegistry {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    /** Verified against for an unknown client id, so it costs the same as a wrong secret. */
    private final String decoyHash;

    ClientRegistry(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** The client if the id exists and the secret matches; the same time and answer otherwise. */
    public Optional<Client> authenticate(String clientId, String secret) {
        Optional<Stored> stored = jdbc.sql("SELECT secret_hash, scopes FROM clients WHERE id = :id")
                .param("id", clientId)
                .query((rs, row) -> new Stored(rs.getString(1), rs.getString(2)))
                .optional();
        boolean matches = passwords.matches(secret, stored.map(Stored::secretHash).orElse(decoyHash));
        if (stored.isEmpty() || !matches) {
            return Optional.empty();
        }
        return Optional.of(new Client(clientId, scopesOf(stored.get().scopes())));
    }

    /** Inserts or replaces a client: configuration is the source of truth for the clients it names. */
    void upsert(String id, String secretHash, Set<Scope> scopes) {
        jdbc.sql("""
                INSERT INTO clients (id, secret_hash, scopes, updated_at) VALUES (:id, :hash, :scopes, :now)
                ON CONFLICT (id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, scopes = EXCLUDED.scopes,
                                               updated_at = EXCLUDED.updated_at""")
                .param("id", id)
                .param("hash", secretHash)
                .param("scopes", scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" ")))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private static Set<Scope> scopesOf(String stored) {
        return Arrays.stream(stored.split(" "))
                .map(value -> Scope.fromValue(value).orElseThrow(() -> new IllegalStateException("unknown stored scope " + value)))
                .collect(Collectors.toUnmodifiableSet());
    }

    private record Stored(String secretHash, String scopes) {
    }
}

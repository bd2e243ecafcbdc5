package dev.cutover.kit.security;

import dev.cutover.contracts.auth.Scope;

import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated caller of a request, as its access token describes it.
 *
 * @param subject the token's {@code sub}: a {@code usr_} id for end users, the client id otherwise
 * @param scopes  the scopes the token grants
 */
public record Caller(String subject, Set<Scope> scopes) {

    public Caller {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Ops and service clients may act on every user's resources. */
    public boolean isPrivileged() {
        return has(Scope.OPS) || has(Scope.SERVICE);
    }

    /** Whether this caller may see a resource owned by {@code ownerId}; others get a 404, not a 403. */
    public boolean mayAccessOwnedBy(String ownerId) {
        return isPrivileged() || (has(Scope.USER) && subject.equals(ownerId));
    }
}

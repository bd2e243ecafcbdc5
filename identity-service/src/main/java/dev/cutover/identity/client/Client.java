package dev.cutover.identity.client;

import dev.cutover.contracts.auth.Scope;

import java.util.Set;

/** An authenticated ops or service client. */
public record Client(String id, Set<Scope> scopes) {

    public Client {
        scopes = Set.copyOf(scopes);
    }
}

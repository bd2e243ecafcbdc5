package dev.cutover.contracts.auth;

import java.util.Arrays;
import java.util.Optional;

/** The scopes of SPEC §1; a token's {@code scope} claim is a space-separated list of their values. */
public enum Scope {

    /** An end user acting on their own resources; {@code sub} is a {@code usr_} id. */
    USER("user"),
    /** An ops client steering the system; {@code sub} is the client id. */
    OPS("ops"),
    /** Another Cutover service; {@code sub} is the client id. */
    SERVICE("service");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The Spring Security authority a resource server derives from this scope. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<Scope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}

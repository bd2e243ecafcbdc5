package dev.cutover.system.conformance;

import dev.cutover.system.conformance.Target.Domain;

import java.util.Map;

/**
 * One request of the catalogue the cross-cutting checks run over ({@link ConventionsConformance}): an operation with
 * concrete (possibly non-existent) ids, who makes it, and for a POST a body that is valid as far as its fields go.
 *
 * @param wrongType for a JSON POST, the valid body with one field of the wrong JSON type, named by {@code wrongField}
 */
record Call(String method, Domain domain, String path, Caller caller, Map<String, Object> body,
            Map<String, Object> wrongType, String wrongField) {

    enum Caller {
        ANONYMOUS, USER, OPS, SERVICE
    }

    static Call get(Domain domain, String path, Caller caller) {
        return new Call("GET", domain, path, caller, null, null, null);
    }

    static Call delete(Domain domain, String path, Caller caller) {
        return new Call("DELETE", domain, path, caller, null, null, null);
    }

    static Call post(Domain domain, String path, Caller caller, Map<String, Object> body) {
        return new Call("POST", domain, path, caller, body, null, null);
    }

    /** A POST that takes a JSON body, with a variant of it whose {@code field} has the wrong JSON type. */
    static Call jsonPost(Domain domain, String path, Caller caller, Map<String, Object> body, String field, Map<String, Object> wrongType) {
        return new Call("POST", domain, path, caller, body, wrongType, field);
    }

    /** The same operation made by another caller. */
    Call as(Caller other) {
        return new Call(method, domain, path, other, body, wrongType, wrongField);
    }

    @Override
    public String toString() {
        return method + " " + path + (caller == Caller.ANONYMOUS ? "" : " as " + caller.name().toLowerCase(java.util.Locale.ROOT));
    }
}

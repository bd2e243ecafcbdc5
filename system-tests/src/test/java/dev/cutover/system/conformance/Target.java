package dev.cutover.system.conformance;

import java.util.Locale;

/**
 * Where the conformance suite sends its requests: a base URL per domain, and whether a gateway stands in front.
 *
 * @param name    for test output and the e-mail addresses of the users a run signs up
 * @param side    the side that is expected to serve every request, {@code new} or {@code legacy} (a gateway names it in
 *                {@code X-Upstream})
 * @param gateway whether the URLs are a gateway's: {@code /internal/**} is then never routed
 */
record Target(String name, String identityUrl, String paymentsUrl, String ledgerUrl, boolean gateway, String side) {

    static Target direct(String name, String identityUrl, String paymentsUrl, String ledgerUrl, String side) {
        return new Target(name, identityUrl, paymentsUrl, ledgerUrl, false, side);
    }

    /** One URL serves every domain: the monolith, or a gateway. */
    static Target single(String name, String url, boolean gateway, String side) {
        return new Target(name, url, url, url, gateway, side);
    }

    String urlOf(Domain domain) {
        return switch (domain) {
            case IDENTITY -> identityUrl;
            case PAYMENTS -> paymentsUrl;
            case LEDGER -> ledgerUrl;
        };
    }

    /** A short lower-case tag for generated e-mail addresses and keys. */
    String slug() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    @Override
    public String toString() {
        return name;
    }

    /** The three domains of the public API (SPEC §2–§4). */
    enum Domain {
        IDENTITY, PAYMENTS, LEDGER
    }
}

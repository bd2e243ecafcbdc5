package dev.cutover.identity.crypto;

import java.util.Optional;

/**
 * How a password hash is written on each side, for the change data capture that copies users both ways: the same
 * hash, in the form the other side verifies. Django writes {@code pbkdf2_sha256$…} and {@code argon2$argon2id$…};
 * this service stores {@code {pbkdf2-django}pbkdf2_sha256$…} and {@code {argon2}$argon2id$…} (Spring Security's
 * delegating format). Both sides' Argon2 hashes are the same PHC string (argon2-cffi and Bouncy Castle agree on it).
 */
public final class PasswordHashes {

    /** The delegating encoder's id of a Django PBKDF2 hash. */
    public static final String DJANGO_PBKDF2 = "pbkdf2-django";
    private static final String SPRING_ARGON2 = "{" + CryptoConfiguration.ARGON2 + "}";
    private static final String DJANGO_ARGON2 = "argon2";

    private PasswordHashes() {
    }

    /** A hash the monolith wrote, as this service stores it; empty when it is of a kind this service does not verify. */
    public static Optional<String> fromLegacy(String django) {
        if (django == null) {
            return Optional.empty();
        }
        if (django.startsWith(DjangoPbkdf2PasswordEncoder.ALGORITHM + "$")) {
            return Optional.of("{" + DJANGO_PBKDF2 + "}" + django);
        }
        if (django.startsWith(DJANGO_ARGON2 + "$argon2id$")) {
            return Optional.of(SPRING_ARGON2 + django.substring(DJANGO_ARGON2.length()));
        }
        return Optional.empty();
    }

    /** A hash this service stores, as the monolith's Django verifies it; empty for a kind Django does not verify. */
    public static Optional<String> toLegacy(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.startsWith("{" + DJANGO_PBKDF2 + "}")) {
            return Optional.of(stored.substring(DJANGO_PBKDF2.length() + 2));
        }
        if (stored.startsWith(SPRING_ARGON2 + "$argon2id$")) {
            return Optional.of(DJANGO_ARGON2 + stored.substring(SPRING_ARGON2.length()));
        }
        return Optional.empty();
    }
}

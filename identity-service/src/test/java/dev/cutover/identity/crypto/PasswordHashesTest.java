package dev.cutover.identity.crypto;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The monolith's users sign in here with the passwords they chose there, and theirs reach it back in Django's form. */
class PasswordHashesTest {

    /** Made by Django 3.2's PBKDF2PasswordHasher for "correct horse battery staple", salt "fixedsalt12345678901". */
    static final String DJANGO_PBKDF2 = "pbkdf2_sha256$20000$fixedsalt12345678901$UraRwsKOpftpWQ2B0N2J/jJybTnkvb++c9zUxdhgkYg=";

    private final PasswordEncoder passwords = new CryptoConfiguration().passwordEncoder(
            new PasswordProperties(4096, 1, 1, 1));

    @Test
    void aDjangoPbkdf2HashVerifiesTheSamePasswordAndAsksToBeUpgraded() {
        String stored = PasswordHashes.fromLegacy(DJANGO_PBKDF2).orElseThrow();

        assertThat(stored).startsWith("{pbkdf2-django}pbkdf2_sha256$20000$");
        assertThat(passwords.matches("correct horse battery staple", stored)).isTrue();
        assertThat(passwords.matches("correct horse battery stapler", stored)).isFalse();
        assertThat(passwords.upgradeEncoding(stored)).as("rehashed with Argon2id on the next sign-in").isTrue();
    }

    @Test
    void malformedOrExcessiveDjangoHashesVerifyNothing() {
        for (String bad : new String[] {"pbkdf2_sha256$20000$salt", "pbkdf2_sha256$x$salt$aGFzaA==", "pbkdf2_sha256$20000$$aGFzaA==",
                "pbkdf2_sha256$999999999$s$UraRwsKOpftpWQ2B0N2J/jJybTnkvb++c9zUxdhgkYg=", "pbkdf2_sha256$20000$s$not*base64"}) {
            assertThat(passwords.matches("correct horse battery staple", "{pbkdf2-django}" + bad)).as(bad).isFalse();
        }
    }

    @Test
    void anArgon2HashMadeHereIsTheSameStringInDjangosFormAndBack() {
        String stored = passwords.encode("correct horse battery staple");

        String django = PasswordHashes.toLegacy(stored).orElseThrow();

        assertThat(django).startsWith("argon2$argon2id$v=19$m=4096,t=1,p=1$");
        assertThat(PasswordHashes.fromLegacy(django)).contains(stored);
        assertThat(passwords.matches("correct horse battery staple", PasswordHashes.fromLegacy(django).orElseThrow())).isTrue();
    }

    @Test
    void hashesOfOtherKindsAreNotCarriedAcross() {
        assertThat(PasswordHashes.fromLegacy("md5$abc$def")).isEmpty();
        assertThat(PasswordHashes.fromLegacy("!unusable")).isEmpty();
        assertThat(PasswordHashes.toLegacy("{bcrypt}$2a$12$abc")).isEmpty();
        assertThat(PasswordHashes.toLegacy(null)).isEmpty();
    }
}

package dev.cutover.identity.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Map;

/** The master key and the password encoder. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    static final String ARGON2 = "argon2";
    static final String BCRYPT = "bcrypt";

    @Bean
    MasterKey masterKey(@Value("${" + MasterKey.PROPERTY + ":}") String encoded) {
        MasterKey key = MasterKey.fromBase64(encoded);
        log.info("Master key {} loaded", key.id());
        return key;
    }

    /**
     * Argon2id for new hashes; {@code {bcrypt}} hashes are still accepted (e.g. a client secret hashed with
     * {@code htpasswd -bnBC 12}), and so are the legacy monolith's Django hashes ({@code {pbkdf2-django}}, copied
     * with its users); verified hashes of another kind or made with weaker parameters are upgraded on sign-in.
     * At most {@code max-concurrent-hashes} run at once (see {@link BoundedPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties properties) {
        if (properties.belowRecommendation()) {
            log.warn("Argon2 parameters (m={} KiB, t={}, p={}) are below the OWASP minimum; acceptable in tests only",
                    properties.argon2MemoryKib(), properties.argon2Iterations(), properties.argon2Parallelism());
        }
        Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(PasswordProperties.SALT_BYTES, PasswordProperties.HASH_BYTES,
                properties.argon2Parallelism(), properties.argon2MemoryKib(), properties.argon2Iterations());
        return new BoundedPasswordEncoder(new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, argon2,
                BCRYPT, new BCryptPasswordEncoder(), PasswordHashes.DJANGO_PBKDF2, new DjangoPbkdf2PasswordEncoder())),
                properties.maxConcurrentHashes());
    }
}

package dev.cutover.identity.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Argon2id cost. The defaults follow the OWASP password storage recommendation (19 MiB, 2 passes, 1 lane);
 * tests lower them through properties, production keeps them or raises them.
 *
 * @param argon2MemoryKib   memory per hash in KiB
 * @param argon2Iterations  passes over the memory
 * @param argon2Parallelism lanes
 * @param maxConcurrentHashes hashes allowed to run at once (absent or 0: the number of processors); others wait
 */
@ConfigurationProperties("cutover.identity.passwords")
public record PasswordProperties(
        @DefaultValue("19456") int argon2MemoryKib,
        @DefaultValue("2") int argon2Iterations,
        @DefaultValue("1") int argon2Parallelism,
        Integer maxConcurrentHashes) {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final int RECOMMENDED_MEMORY_KIB = 19_456;
    private static final int RECOMMENDED_ITERATIONS = 2;

    public PasswordProperties {
        if (maxConcurrentHashes == null || maxConcurrentHashes == 0) {
            maxConcurrentHashes = Runtime.getRuntime().availableProcessors();
        }
        if (argon2Parallelism < 1 || argon2Iterations < 1 || argon2MemoryKib < 8 * argon2Parallelism) {
            throw new IllegalArgumentException("cutover.identity.passwords: Argon2 needs parallelism >= 1,"
                    + " iterations >= 1 and memory >= 8 KiB per lane");
        }
    }

    boolean belowRecommendation() {
        return argon2MemoryKib < RECOMMENDED_MEMORY_KIB || argon2Iterations < RECOMMENDED_ITERATIONS;
    }
}

package dev.cutover.identity.signingkey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param rsaKeySize    modulus size of new keys, at least 2048 bits
 * @param rotateEvery   a key older than this is replaced by the scheduled check; {@code 0} turns automatic
 *                      rotation off (rotation on demand stays available to ops)
 * @param rotationCheck how often each replica checks whether rotation is due
 * @param cacheTtl      how long a replica signs with and verifies against the keys it read, before reading again
 * @param clockSkew     allowance for clocks of verifiers that run ahead or behind
 */
@ConfigurationProperties("cutover.identity.signing-keys")
public record SigningKeyProperties(
        @DefaultValue("2048") int rsaKeySize,
        @DefaultValue("30d") Duration rotateEvery,
        @DefaultValue("5m") Duration rotationCheck,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("60s") Duration clockSkew) {

    public SigningKeyProperties {
        if (rsaKeySize < 2048) {
            throw new IllegalArgumentException("cutover.identity.signing-keys.rsa-key-size must be at least 2048");
        }
        if (rotateEvery.isNegative() || cacheTtl.isNegative() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("cutover.identity.signing-keys: durations cannot be negative");
        }
    }
}

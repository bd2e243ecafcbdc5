package dev.cutover.identity.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Access tokens live 15 minutes: that is the contract (SPEC §1, {@code TokenClaims.ACCESS_TOKEN_TTL}), not
 * a setting.
 *
 * @param refreshTokenTtl how long an unused refresh token stays valid; each rotation starts it again
 * @param purgeInterval   how often expired refresh tokens and throttling windows are deleted
 */
@ConfigurationProperties("cutover.identity.tokens")
public record TokenProperties(@DefaultValue("30d") Duration refreshTokenTtl, @DefaultValue("1h") Duration purgeInterval) {

    public TokenProperties {
        if (refreshTokenTtl.isNegative() || refreshTokenTtl.isZero()) {
            throw new IllegalArgumentException("cutover.identity.tokens.refresh-token-ttl must be positive");
        }
    }
}

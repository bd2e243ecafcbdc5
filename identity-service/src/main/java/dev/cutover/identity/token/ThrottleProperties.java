package dev.cutover.identity.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Failed sign-ins allowed in one fixed window before further attempts answer 429 until the window ends.
 *
 * @param window                  the window, starting at the first failure
 * @param maxFailuresPerPrincipal per email (password grant) or client id (client credentials)
 * @param maxFailuresPerAddress   per client address, higher: many users may share one (NAT, offices)
 */
@ConfigurationProperties("cutover.identity.login-throttle")
public record ThrottleProperties(
        @DefaultValue("15m") Duration window,
        @DefaultValue("10") int maxFailuresPerPrincipal,
        @DefaultValue("100") int maxFailuresPerAddress) {

    public ThrottleProperties {
        if (window.isNegative() || window.isZero() || maxFailuresPerPrincipal < 1 || maxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("cutover.identity.login-throttle: window and limits must be positive");
        }
    }
}

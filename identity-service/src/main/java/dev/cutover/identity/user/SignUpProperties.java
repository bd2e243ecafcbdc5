package dev.cutover.identity.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minimumAge the youngest a user may be, in whole years, on the day of sign-up
 * @param maximumAge a date of birth further back than this many years is taken for a typo
 */
@ConfigurationProperties("cutover.identity.sign-up")
public record SignUpProperties(@DefaultValue("18") int minimumAge, @DefaultValue("130") int maximumAge) {

    public SignUpProperties {
        if (minimumAge < 0 || maximumAge <= minimumAge) {
            throw new IllegalArgumentException("cutover.identity.sign-up: need 0 <= minimum-age < maximum-age");
        }
    }
}

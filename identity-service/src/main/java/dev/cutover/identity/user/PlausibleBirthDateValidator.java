package dev.cutover.identity.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Checks {@link PlausibleBirthDate} against today in UTC and the configured ages (injected by Spring's validator factory). */
public final class PlausibleBirthDateValidator implements ConstraintValidator<PlausibleBirthDate, LocalDate> {

    private final Clock clock;
    private final SignUpProperties properties;

    public PlausibleBirthDateValidator(Clock clock, SignUpProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public boolean isValid(LocalDate dateOfBirth, ConstraintValidatorContext context) {
        if (dateOfBirth == null) {
            return true;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String problem = null;
        if (dateOfBirth.isAfter(today.minusYears(properties.minimumAge()))) {
            problem = "must be at least " + properties.minimumAge() + " years ago";
        } else if (!dateOfBirth.isAfter(today.minusYears(properties.maximumAge()))) {
            problem = "must be less than " + properties.maximumAge() + " years ago";
        }
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}

package dev.cutover.identity.user;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A date of birth of someone old enough to sign up and young enough to be alive; {@code null} is valid (absent). */
@Documented
@Constraint(validatedBy = PlausibleBirthDateValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface PlausibleBirthDate {

    String message() default "is not a plausible date of birth";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package dev.cutover.kit.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An upper-case ISO 4217 code from the deployment's configured list ({@code cutover.currencies}); {@code null} is valid. */
@Documented
@Constraint(validatedBy = SupportedCurrencyValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface SupportedCurrency {

    String message() default "must be a supported currency";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

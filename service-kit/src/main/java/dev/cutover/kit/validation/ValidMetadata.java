package dev.cutover.kit.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@code metadata} object within {@link dev.cutover.contracts.MetadataRules}; {@code null} is valid (absent). */
@Documented
@Constraint(validatedBy = MetadataValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidMetadata {

    String message() default "must have at most 20 keys of 1 to 40 characters, each with a string value of at most 500 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

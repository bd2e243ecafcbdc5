package dev.cutover.kit.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a response record: every key is always sent, so every component is {@code required} in the API
 * description; components annotated {@code @Nullable} (JSpecify) are sent as {@code null} when empty.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiResource {
}

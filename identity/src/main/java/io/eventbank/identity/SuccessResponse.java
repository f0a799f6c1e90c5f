package io.eventbank.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The success an operation answers when it is not a plain 200, and the response headers it carries (among
 * {@link ApiDocumentation#HEADERS}). On a controller it applies to every operation without one of its own.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SuccessResponse {

    int status() default 200;

    String description() default "";

    String[] headers() default {};
}

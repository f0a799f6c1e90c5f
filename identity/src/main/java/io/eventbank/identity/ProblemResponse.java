package io.eventbank.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an operation answers beyond those every operation of its kind answers (see {@link ApiDocumentation}):
 * its status and the problem types ({@code urn:problem:<type>}) it comes with. On a controller it applies to every
 * operation of the controller.
 */
@Documented
@Repeatable(ProblemResponse.List.class)
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemResponse {

    int status();

    /** The problem types, without the {@code urn:problem:} prefix. */
    String[] types();

    @Documented
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {

        ProblemResponse[] value();
    }
}

package io.eventbank.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name or an identifier a client chooses: not blank, at most 100 characters, and text only. Control characters
 * and unpaired surrogates are refused: PostgreSQL cannot store NUL in text, nor read an unpaired surrogate as
 * jsonb, so either would break the {@code events} view and stop the read side's projection of the event.
 */
@Documented
@Constraint(validatedBy = {})
@NotBlank
@Size(min = 1, max = 100)
@Pattern(regexp = PlainText.NO_CONTROL_CHARACTERS)
@PlainText
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ShortText {

    /** For the OpenAPI document, which shows the length and the pattern but not blankness nor surrogates. */
    String DESCRIPTION = "1 to 100 characters, not only white space, no control characters, no unpaired surrogates";

    String message() default "must be 1 to 100 characters of text, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

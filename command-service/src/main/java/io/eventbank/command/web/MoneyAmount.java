package io.eventbank.command.web;

import io.eventbank.api.common.Money;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A request amount: present, positive, at most two decimals and at most {@link Money#MAX_AMOUNT}. */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Positive
@Digits(integer = 13, fraction = 2)
@DecimalMax(Money.MAX_AMOUNT)
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MoneyAmount {

    /** For the OpenAPI document, which shows the bounds but not the decimals. */
    String DESCRIPTION = "positive, at most 2 decimals, at most " + Money.MAX_AMOUNT;

    String message() default "must be a positive amount with at most 2 decimals, at most " + Money.MAX_AMOUNT;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

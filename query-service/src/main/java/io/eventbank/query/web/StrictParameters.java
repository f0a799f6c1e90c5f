package io.eventbank.query.web;

import io.eventbank.api.order.OrderStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Ids and statuses in query parameters and paths only as written by the server. Spring's own conversion reads
 * {@code 1-2-3-4-5} as {@code 00000001-0002-0003-0004-000000000005} (one account under many spellings, and an id
 * with a digit missing as another id), trims {@code " PAID"} and reads an empty {@code status=} as no filter. These
 * are editors, as a failing converter would fall back to the lenient conversion; a refusal is a 400 naming the
 * parameter.
 */
@ControllerAdvice
class StrictParameters {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private static UUID uuid(String text) {
        if (!CANONICAL_UUID.matcher(text).matches()) {
            throw new IllegalArgumentException("not a UUID: 8-4-4-4-12 hexadecimal digits expected");
        }
        return UUID.fromString(text);
    }

    /** An ISO-8601 instant, with {@code Z} or an offset; a parse failure is a refusal like any other here. */
    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant", e);
        }
    }

    @InitBinder
    void exactValues(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, editor(StrictParameters::uuid));
        binder.registerCustomEditor(OrderStatus.class, editor(OrderStatus::valueOf));
        binder.registerCustomEditor(Instant.class, editor(StrictParameters::instant));
    }

    private static PropertyEditorSupport editor(Function<String, ?> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(parse.apply(text));
            }
        };
    }
}

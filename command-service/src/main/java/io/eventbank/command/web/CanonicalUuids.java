package io.eventbank.command.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifiers only in their canonical form (8-4-4-4-12 hex digits). {@link UUID#fromString} reads {@code 1-2-3-4-5}
 * as {@code 00000001-0002-0003-0004-000000000005}: one account would answer to many spellings, and an id with a
 * digit missing to another id. Path variables are bound with {@link #parse} here (an editor, as a failing converter
 * would fall back to the lenient one); bodies read ids with it through {@link StrictJsonConfiguration}.
 */
@ControllerAdvice
class CanonicalUuids {

    private static final Pattern CANONICAL =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    static boolean isCanonical(String text) {
        return CANONICAL.matcher(text).matches();
    }

    static UUID parse(String text) {
        if (!isCanonical(text)) {
            throw new IllegalArgumentException("not a UUID: 8-4-4-4-12 hexadecimal digits expected");
        }
        return UUID.fromString(text);
    }

    @InitBinder
    void canonicalIds(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(parse(text));
            }
        });
    }
}

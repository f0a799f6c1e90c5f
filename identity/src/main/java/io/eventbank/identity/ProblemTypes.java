package io.eventbank.identity;

import org.springframework.http.HttpStatus;

import java.util.Locale;

/** The problem type and title of an error that has no more specific one: {@code urn:problem:method-not-allowed}, ... */
public final class ProblemTypes {

    private ProblemTypes() {
    }

    public static String typeFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null || known == HttpStatus.BAD_REQUEST ? "urn:problem:invalid-request"
                : "urn:problem:" + known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String titleFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known == HttpStatus.BAD_REQUEST ? "Invalid request" : known.getReasonPhrase();
    }
}

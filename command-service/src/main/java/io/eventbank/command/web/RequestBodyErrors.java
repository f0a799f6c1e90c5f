package io.eventbank.command.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.util.stream.Collectors;

/** Turns an unreadable request body into a sentence a client can act on, naming the field but no class. */
final class RequestBodyErrors {

    private RequestBodyErrors() {
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return "field '" + path(invalid) + "': " + invalid.getCause().getMessage();
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "field '" + path(invalid) + "' has a value of the wrong type or format";
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String path = path(mismatch);
            return path.isEmpty() ? "the body must be a JSON object" : "field '" + path + "' has a value of the wrong type";
        }
        if (cause instanceof InputCoercionException) {
            return "a number in the body is out of range";
        }
        if (cause instanceof StreamReadException) {
            return "the body is not well-formed JSON";
        }
        if (cause == null) {
            return "the request body is missing or unreadable";
        }
        return "the request body could not be read";
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}

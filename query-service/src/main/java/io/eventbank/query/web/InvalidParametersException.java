package io.eventbank.query.web;

import java.util.List;

/** Query parameters that break the documented rules; answered 400 with one {@code {field, message}} per error. */
class InvalidParametersException extends RuntimeException {

    private final List<ParameterError> errors;

    InvalidParametersException(List<ParameterError> errors) {
        super(errors.size() == 1 ? errors.getFirst().describe()
                : "the request has " + errors.size() + " invalid parameters", null, false, false);
        this.errors = List.copyOf(errors);
    }

    List<ParameterError> errors() {
        return errors;
    }

    record ParameterError(String field, String message) {

        String describe() {
            return "'" + field + "' " + message;
        }
    }
}

package io.eventbank.query.web;

/** Nothing with the requested id; answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}

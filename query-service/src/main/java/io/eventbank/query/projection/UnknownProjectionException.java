package io.eventbank.query.projection;

/** A projection name that names none of this service's projections; answered 404. */
public class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String name) {
        super("no projection named '" + name + "'");
    }
}

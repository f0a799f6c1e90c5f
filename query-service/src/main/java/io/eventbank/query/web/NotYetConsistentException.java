package io.eventbank.query.web;

/** A read asked for a position the read models have not reached within the wait: 503 not-yet-consistent. */
class NotYetConsistentException extends RuntimeException {

    NotYetConsistentException(String message) {
        super(message, null, false, false);
    }
}

package io.eventbank.command.idempotency;

/** A request whose {@code Idempotency-Key} is still being executed by an earlier request; answered 409. */
public final class IdempotencyKeyInUse extends RuntimeException {

    IdempotencyKeyInUse(String key) {
        super("a request with Idempotency-Key '" + key + "' is still being executed; retry once it has been answered",
                null, false, false);
    }
}

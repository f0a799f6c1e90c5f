package io.eventbank.command.idempotency;

import io.eventbank.command.rules.BusinessRuleViolation;

/** An {@code Idempotency-Key} already used by the same caller for a different request; answered 422. */
final class IdempotencyKeyReused extends BusinessRuleViolation {

    IdempotencyKeyReused(String key) {
        super("idempotency-key-reused", "Idempotency-Key '" + key
                + "' was already used for a different request (method, path or body); use a new key");
    }
}

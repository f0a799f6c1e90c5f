/** Retry-safe commands: the answer of a command sent with an {@code Idempotency-Key}, stored with its events. */
package io.eventbank.command.idempotency;

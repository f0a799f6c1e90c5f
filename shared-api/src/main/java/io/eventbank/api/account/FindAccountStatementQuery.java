package io.eventbank.api.account;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks for an account's statement of the period from {@code from} (inclusive) to {@code to} (exclusive); answered
 * with an {@link AccountStatementView} or nothing (no such account, or another owner's).
 */
public record FindAccountStatementQuery(UUID accountId, String owner, Instant from, Instant to) {}

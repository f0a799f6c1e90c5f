package io.eventbank.api.account;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks for an account as it stood at an instant: the state after its last event, by sequence number, whose time stamp
 * is at or before {@code asOf}; answered with an {@link AccountView} or nothing (no event that old, or another
 * owner's account when {@code owner} is given).
 */
public record FindAccountAsOfQuery(UUID accountId, String owner, Instant asOf) {}

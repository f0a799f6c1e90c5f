package io.eventbank.api.account;

import java.util.UUID;

/**
 * Asks for one account's summary; answered with an {@link AccountView} or nothing. With an {@code owner}, an account
 * of another owner is nothing too.
 */
public record FindAccountQuery(UUID accountId, String owner) {}

package io.eventbank.api.account;

import java.util.UUID;

/**
 * Asks for a page of an account's ledger, oldest entry first; nothing if there is no such account, or, with an
 * {@code owner}, if another owns it.
 */
public record FindAccountTransactionsQuery(UUID accountId, String owner, int page, int size) {}

package io.eventbank.api.account;

import java.util.UUID;

/** Asks for a page of an account's ledger, oldest entry first. */
public record FindAccountTransactionsQuery(UUID accountId, int page, int size) {}

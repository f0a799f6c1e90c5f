package io.eventbank.api.account;

/** Asks for a page of account summaries, oldest first. */
public record FindAccountsQuery(int page, int size) {}

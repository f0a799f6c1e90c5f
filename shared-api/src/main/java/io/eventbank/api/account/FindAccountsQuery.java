package io.eventbank.api.account;

/** Asks for a page of account summaries, oldest first: those of {@code owner}, or all if it is {@code null}. */
public record FindAccountsQuery(String owner, int page, int size) {}

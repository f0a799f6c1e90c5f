package io.eventbank.api.account;

import java.util.UUID;

/** Asks for one account's summary; answered with an {@link AccountView} or nothing. */
public record FindAccountQuery(UUID accountId) {}

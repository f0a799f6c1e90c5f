package io.eventbank.api.account;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * An account was opened for a holder, with a zero balance, owned by {@code owner} (the subject of the customer it
 * belongs to; {@code null}: no customer owns it, as with every account opened before owners existed).
 */
@Revision("2")
public record AccountOpened(UUID accountId, String holderName, String owner) {}

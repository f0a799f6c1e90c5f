package io.eventbank.api.account;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An account was opened for a holder, with a zero balance. */
@Revision("1")
public record AccountOpened(UUID accountId, String holderName) {}

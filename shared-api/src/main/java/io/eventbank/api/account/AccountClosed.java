package io.eventbank.api.account;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The account was closed at a zero balance. */
@Revision("1")
public record AccountClosed(UUID accountId) {}

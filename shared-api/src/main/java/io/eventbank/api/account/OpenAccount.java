package io.eventbank.api.account;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new account with a zero balance for the named holder. */
public record OpenAccount(@TargetAggregateIdentifier UUID accountId, String holderName) {}

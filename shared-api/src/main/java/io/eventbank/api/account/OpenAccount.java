package io.eventbank.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Opens a new account with a zero balance for the named holder, owned by {@code owner} (a token subject). */
public record OpenAccount(@TargetAggregateIdentifier UUID accountId, String holderName, String owner) {}

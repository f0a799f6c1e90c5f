package io.eventbank.api.account;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes an account whose balance is zero; a closed account refuses every later command. */
public record CloseAccount(@TargetAggregateIdentifier UUID accountId, Long expectedVersion) {}

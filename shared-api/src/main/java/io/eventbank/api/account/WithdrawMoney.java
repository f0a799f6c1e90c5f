package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a positive amount from an open account, refused when the balance would go below zero. */
public record WithdrawMoney(@TargetAggregateIdentifier UUID accountId, Money amount, Long expectedVersion) {}

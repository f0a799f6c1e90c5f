package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Charges an account for an order's total; a second charge for the same order changes nothing. */
public record ChargeAccountForOrder(@TargetAggregateIdentifier UUID accountId, UUID orderId, Money amount) {}

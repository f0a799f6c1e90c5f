package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pays a charged order's total back to its account; a second refund for the same order changes nothing. */
public record RefundAccountForOrder(@TargetAggregateIdentifier UUID accountId, UUID orderId, Money amount) {}

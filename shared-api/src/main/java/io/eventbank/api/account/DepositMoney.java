package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a positive amount to an open account; {@code expectedVersion} is optional (If-Match). */
public record DepositMoney(@TargetAggregateIdentifier UUID accountId, Money amount, Long expectedVersion) {}

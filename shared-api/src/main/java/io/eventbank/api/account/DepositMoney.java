package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a positive amount of at most {@link Money#MAX_AMOUNT} to an open account; {@code expectedVersion} is optional
 * (If-Match).
 */
public record DepositMoney(@TargetAggregateIdentifier UUID accountId, Money amount, Long expectedVersion) {

    public DepositMoney {
        Objects.requireNonNull(amount, "amount must not be null").requireAmount("amount");
    }
}

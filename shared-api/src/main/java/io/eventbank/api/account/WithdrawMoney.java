package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a positive amount of at most {@link Money#MAX_AMOUNT} from an open account, refused when the balance would
 * go below zero.
 */
public record WithdrawMoney(@TargetAggregateIdentifier UUID accountId, Money amount, Long expectedVersion) {

    public WithdrawMoney {
        Objects.requireNonNull(amount, "amount must not be null").requireAmount("amount");
    }
}

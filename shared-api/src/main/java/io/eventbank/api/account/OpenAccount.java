package io.eventbank.api.account;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new account with a zero balance for the named holder (1 to {@link #MAX_HOLDER_NAME_LENGTH} characters). */
public record OpenAccount(@TargetAggregateIdentifier UUID accountId, String holderName) {

    public static final int MAX_HOLDER_NAME_LENGTH = 100;

    public OpenAccount {
        if (holderName == null || holderName.isBlank() || holderName.length() > MAX_HOLDER_NAME_LENGTH) {
            throw new IllegalArgumentException("holderName must be 1 to " + MAX_HOLDER_NAME_LENGTH + " characters");
        }
    }
}

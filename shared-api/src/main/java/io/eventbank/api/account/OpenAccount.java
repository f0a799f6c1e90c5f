package io.eventbank.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Opens a new account with a zero balance for the named holder (1 to {@link #MAX_HOLDER_NAME_LENGTH} characters),
 * owned by {@code owner} (a token subject).
 */
public record OpenAccount(@TargetAggregateIdentifier UUID accountId, String holderName, String owner) {

    public static final int MAX_HOLDER_NAME_LENGTH = 100;

    public OpenAccount {
        if (holderName == null || holderName.isBlank() || holderName.length() > MAX_HOLDER_NAME_LENGTH) {
            throw new IllegalArgumentException("holderName must be 1 to " + MAX_HOLDER_NAME_LENGTH + " characters");
        }
    }
}

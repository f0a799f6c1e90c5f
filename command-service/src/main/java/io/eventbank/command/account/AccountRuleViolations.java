package io.eventbank.command.account;

import io.eventbank.api.common.Money;
import io.eventbank.command.rules.BusinessRuleViolation;

import java.util.UUID;

/** The rules an account enforces. */
public final class AccountRuleViolations {

    private AccountRuleViolations() {
    }

    public static final class InsufficientFunds extends BusinessRuleViolation {
        InsufficientFunds(UUID accountId, Money balance, Money requested) {
            super("insufficient-funds", "account " + accountId + " has a balance of " + balance
                    + ", less than the " + requested + " requested");
        }
    }

    public static final class AccountClosed extends BusinessRuleViolation {
        AccountClosed(UUID accountId) {
            super("account-closed", "account " + accountId + " is closed");
        }
    }

    public static final class NonZeroBalance extends BusinessRuleViolation {
        NonZeroBalance(UUID accountId, Money balance) {
            super("non-zero-balance", "account " + accountId + " still holds " + balance
                    + "; only an account with a zero balance can be closed");
        }
    }
}

package io.eventbank.command.account;

import io.eventbank.api.common.Money;

import java.util.UUID;

/** Builds the account's refusals for tests outside the aggregate's package. */
public final class AccountRuleViolationsForTests {

    private AccountRuleViolationsForTests() {
    }

    public static RuntimeException insufficientFunds(UUID accountId) {
        return new AccountRuleViolations.InsufficientFunds(accountId, Money.ZERO, Money.of(1));
    }

    public static RuntimeException accountClosed(UUID accountId) {
        return new AccountRuleViolations.AccountClosed(accountId);
    }
}

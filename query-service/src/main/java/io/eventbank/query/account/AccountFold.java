package io.eventbank.query.account;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.AccountStatus;
import io.eventbank.api.account.LedgerEntryType;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One account folded from its events, into what the account projection keeps of it: the one fold of the Account
 * events on the read side, used by reconciliation and by the tests that need the expected read model. The balance is
 * summed here, never taken from the events; an event whose {@code balanceAfter} disagrees with the sum is noted.
 */
public final class AccountFold {

    /** A ledger entry as the fold expects it. */
    public record Entry(long sequence, LedgerEntryType type, BigDecimal amount, BigDecimal balanceAfter,
                        UUID orderId) {
    }

    /** An event that says a balance other than the sum of the entries before it. */
    public record Disagreement(long sequence, BigDecimal summed, BigDecimal stated) {
    }

    private final UUID accountId;
    private String holderName;
    private BigDecimal balance = Money.ZERO.amount();
    private AccountStatus status = AccountStatus.OPEN;
    private long version;
    private final List<Entry> ledger = new ArrayList<>();
    private final List<Disagreement> disagreements = new ArrayList<>();

    public AccountFold(UUID accountId) {
        this.accountId = accountId;
    }

    /** Applies the account's event of the given sequence number; events of other kinds change only the version. */
    public AccountFold apply(Object event, long sequence) {
        version = sequence;
        switch (event) {
            case AccountOpened opened -> holderName = opened.holderName();
            case MoneyDeposited deposited -> changed(sequence, LedgerEntryType.DEPOSIT, deposited.amount(),
                    deposited.balanceAfter(), null);
            case MoneyWithdrawn withdrawn -> changed(sequence, LedgerEntryType.WITHDRAWAL, withdrawn.amount(),
                    withdrawn.balanceAfter(), null);
            case AccountChargedForOrder charged -> changed(sequence, LedgerEntryType.ORDER_PAYMENT, charged.amount(),
                    charged.balanceAfter(), charged.orderId());
            case AccountRefundedForOrder refunded -> changed(sequence, LedgerEntryType.ORDER_REFUND,
                    refunded.amount(), refunded.balanceAfter(), refunded.orderId());
            case AccountClosed closed -> status = AccountStatus.CLOSED;
            default -> {
            }
        }
        return this;
    }

    private void changed(long sequence, LedgerEntryType type, Money amount, Money balanceAfter, UUID orderId) {
        balance = type.applyTo(balance, amount.amount());
        if (balance.compareTo(balanceAfter.amount()) != 0) {
            disagreements.add(new Disagreement(sequence, balance, balanceAfter.amount()));
        }
        ledger.add(new Entry(sequence, type, amount.amount(), balanceAfter.amount(), orderId));
    }

    public UUID accountId() {
        return accountId;
    }

    public String holderName() {
        return holderName;
    }

    public BigDecimal balance() {
        return balance;
    }

    public AccountStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    /** The ledger entries, in sequence order. */
    public List<Entry> ledger() {
        return List.copyOf(ledger);
    }

    public List<Disagreement> disagreements() {
        return List.copyOf(disagreements);
    }
}

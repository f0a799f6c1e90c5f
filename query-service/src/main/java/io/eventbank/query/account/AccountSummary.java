package io.eventbank.query.account;

import io.eventbank.api.account.AccountStatus;
import io.eventbank.api.account.AccountView;
import io.eventbank.query.readmodel.InsertedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One account: holder, balance and status after its last event, whose sequence number is the version. */
@Entity
@Table(name = "account_summary")
class AccountSummary extends InsertedRow<UUID> {

    @Id
    private UUID accountId;
    private String holderName;
    @Column(precision = 19, scale = 2)
    private BigDecimal balance;
    @Enumerated(EnumType.STRING)
    private AccountStatus status;
    private long version;
    private Instant openedAt;
    private Instant updatedAt;

    protected AccountSummary() {
    }

    AccountSummary(UUID accountId, String holderName, long version, Instant openedAt) {
        this.accountId = accountId;
        this.holderName = holderName;
        this.balance = BigDecimal.ZERO.setScale(2);
        this.status = AccountStatus.OPEN;
        this.version = version;
        this.openedAt = openedAt;
        this.updatedAt = openedAt;
    }

    BigDecimal balance() {
        return balance;
    }

    void balanceChanged(BigDecimal balanceAfter, long version, Instant at) {
        this.balance = balanceAfter;
        changed(version, at);
    }

    void closed(long version, Instant at) {
        this.status = AccountStatus.CLOSED;
        changed(version, at);
    }

    private void changed(long version, Instant at) {
        this.version = version;
        this.updatedAt = at;
    }

    @Override
    public UUID getId() {
        return accountId;
    }

    AccountView toView() {
        return new AccountView(accountId, holderName, balance, status, version, openedAt, updatedAt);
    }
}

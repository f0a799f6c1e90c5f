package io.eventbank.query.account;

import io.eventbank.api.account.AccountStatus;
import io.eventbank.api.account.AccountView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One account: holder, balance and status after its last event, whose sequence number is the version. */
@Entity
@Immutable
@Table(name = "account_summary")
class AccountSummary {

    @Id
    private UUID accountId;
    private String holderName;
    @Column(precision = 1000, scale = 2)
    private BigDecimal balance;
    @Enumerated(EnumType.STRING)
    private AccountStatus status;
    private long version;
    private Instant openedAt;
    private Instant updatedAt;
    private String owner;

    protected AccountSummary() {
    }

    /** Whether a caller restricted to {@code owner}'s accounts may read this one; {@code null}: no restriction. */
    boolean isReadableBy(String owner) {
        return owner == null || owner.equals(this.owner);
    }

    AccountView toView() {
        return new AccountView(accountId, holderName, balance, status, version, openedAt, updatedAt);
    }
}

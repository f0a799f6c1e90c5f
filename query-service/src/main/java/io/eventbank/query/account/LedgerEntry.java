package io.eventbank.query.account;

import io.eventbank.api.account.LedgerEntryType;
import io.eventbank.api.account.LedgerEntryView;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import org.hibernate.annotations.Immutable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One change of an account's balance, keyed by the account and the sequence number of the event that made it. */
@Entity
@Immutable
@Table(name = "account_ledger_entry")
class LedgerEntry {

    @Embeddable
    record Key(UUID accountId, long sequence) {
    }

    @EmbeddedId
    private Key id;
    @Enumerated(EnumType.STRING)
    private LedgerEntryType type;
    @Column(precision = 1000, scale = 2)
    private BigDecimal amount;
    @Column(precision = 1000, scale = 2)
    private BigDecimal balanceAfter;
    private UUID orderId;
    private Instant occurredAt;
    private String actor;

    protected LedgerEntry() {
    }

    LedgerEntryView toView() {
        return new LedgerEntryView(id.sequence(), type, amount, balanceAfter, orderId, occurredAt, actor);
    }
}

package io.eventbank.query.account;

import io.eventbank.api.account.AccountStatus;
import io.eventbank.api.account.LedgerEntryType;
import io.eventbank.query.projection.BatchWrites;
import org.axonframework.messaging.Message;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The account summaries and ledger entries one batch of an {@code accounts} slot's processor changes (see
 * {@link BatchWrites}), in the tables of that slot's schema.
 */
class AccountWrites extends BatchWrites {

    /** An account summary as the batch has made it so far. */
    static final class Summary {
        private final UUID accountId;
        private final String holderName;
        /** Written with the row, never changed; not loaded. */
        private final String owner;
        private final Instant openedAt;
        private BigDecimal balance;
        private AccountStatus status;
        private long version;
        private Instant updatedAt;
        private boolean stored;
        private boolean changed;

        private Summary(UUID accountId, String holderName, String owner, BigDecimal balance, AccountStatus status,
                        long version, Instant openedAt, Instant updatedAt, boolean stored) {
            this.accountId = accountId;
            this.holderName = holderName;
            this.owner = owner;
            this.balance = balance;
            this.status = status;
            this.version = version;
            this.openedAt = openedAt;
            this.updatedAt = updatedAt;
            this.stored = stored;
        }

        BigDecimal balance() {
            return balance;
        }

        AccountStatus status() {
            return status;
        }

        long version() {
            return version;
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
            this.changed = true;
        }
    }

    record Entry(UUID accountId, long sequence, LedgerEntryType type, BigDecimal amount,
                         BigDecimal balanceAfter, UUID orderId, String actor, Instant occurredAt) {
    }

    /** An opening or closing: what the state as of an instant needs besides the ledger. */
    private record StatusChange(UUID accountId, long sequence, AccountStatus status, Instant occurredAt) {
    }

    private final Map<UUID, Summary> summaries = new LinkedHashMap<>();
    private final List<Entry> ledger = new ArrayList<>();
    private final List<StatusChange> statusChanges = new ArrayList<>();

    private final String summaryTable;
    private final String ledgerTable;
    private final String statusChangeTable;

    /** Writes into the tables of the given schema, named in every statement: a slot, never the public views. */
    AccountWrites(JdbcTemplate jdbc, String schema, List<? extends Message<?>> batch) {
        super(jdbc, batch);
        this.summaryTable = schema + ".account_summary";
        this.ledgerTable = schema + ".account_ledger_entry";
        this.statusChangeTable = schema + ".account_status_change";
    }

    void opened(UUID accountId, String holderName, String owner, long version, Instant at) {
        if (summary(accountId) != null) {
            throw new IllegalStateException("account " + accountId + " is already in the read model");
        }
        summaries.put(accountId, new Summary(accountId, holderName, owner, BigDecimal.ZERO.setScale(2),
                AccountStatus.OPEN, version, at, at, false));
        statusChanges.add(new StatusChange(accountId, version, AccountStatus.OPEN, at));
    }

    void closed(Summary summary, long version, Instant at) {
        summary.closed(version, at);
        statusChanges.add(new StatusChange(summary.accountId, version, AccountStatus.CLOSED, at));
    }

    /** The ledger entries of this batch not written yet. */
    List<Entry> pendingLedger() {
        return List.copyOf(ledger);
    }

    /** The account's summary as of the events handled so far, or {@code null} if it was never opened. */
    Summary summary(UUID accountId) {
        lookUp(accountId);
        return summaries.get(accountId);
    }

    void ledgerEntry(UUID accountId, long sequence, LedgerEntryType type, BigDecimal amount, BigDecimal balanceAfter,
                     UUID orderId, String actor, Instant at) {
        ledger.add(new Entry(accountId, sequence, type, amount, balanceAfter, orderId, actor, at));
    }

    @Override
    protected void load(Set<UUID> ids) {
        jdbc.query("""
                SELECT account_id, holder_name, balance, status, version, opened_at, updated_at
                FROM %s WHERE account_id = ANY(?)""".formatted(summaryTable), statement -> setUuids(statement, 1, ids), row -> {
            UUID id = row.getObject("account_id", UUID.class);
            summaries.put(id, new Summary(id, row.getString("holder_name"), null, row.getBigDecimal("balance"),
                    AccountStatus.valueOf(row.getString("status")), row.getLong("version"),
                    instant(row, "opened_at"), instant(row, "updated_at"), true));
        });
    }

    @Override
    protected void write() {
        List<Summary> inserts = summaries.values().stream().filter(summary -> !summary.stored).toList();
        List<Summary> updates = summaries.values().stream().filter(summary -> summary.stored && summary.changed)
                .toList();
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO %s (account_id, holder_name, balance, status, version, opened_at, updated_at,
                                    owner)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""".formatted(summaryTable), inserts, inserts.size(),
                    (statement, summary) -> {
                statement.setObject(1, summary.accountId);
                statement.setString(2, summary.holderName);
                statement.setBigDecimal(3, summary.balance);
                statement.setString(4, summary.status.name());
                statement.setLong(5, summary.version);
                statement.setObject(6, timestamp(summary.openedAt));
                statement.setObject(7, timestamp(summary.updatedAt));
                statement.setString(8, summary.owner);
            });
        }
        if (!updates.isEmpty()) {
            int[][] counts = jdbc.batchUpdate("""
                    UPDATE %s SET balance = ?, status = ?, version = ?, updated_at = ?
                    WHERE account_id = ?""".formatted(summaryTable), updates, updates.size(), (statement, summary) -> {
                statement.setBigDecimal(1, summary.balance);
                statement.setString(2, summary.status.name());
                statement.setLong(3, summary.version);
                statement.setObject(4, timestamp(summary.updatedAt));
                statement.setObject(5, summary.accountId);
            });
            for (int count : counts[0]) {
                if (count == 0) {
                    throw new IllegalStateException("an account summary of this batch was deleted meanwhile");
                }
            }
        }
        if (!ledger.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO %s (account_id, sequence, type, amount, balance_after, order_id, occurred_at,
                                    actor)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""".formatted(ledgerTable), ledger, ledger.size(),
                    (statement, entry) -> {
                statement.setObject(1, entry.accountId);
                statement.setLong(2, entry.sequence);
                statement.setString(3, entry.type.name());
                statement.setBigDecimal(4, entry.amount);
                statement.setBigDecimal(5, entry.balanceAfter);
                statement.setObject(6, entry.orderId);
                statement.setObject(7, timestamp(entry.occurredAt));
                statement.setString(8, entry.actor);
            });
        }
        if (!statusChanges.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO %s (account_id, sequence, status, occurred_at)
                    VALUES (?, ?, ?, ?)""".formatted(statusChangeTable), statusChanges, statusChanges.size(),
                    (statement, change) -> {
                statement.setObject(1, change.accountId());
                statement.setLong(2, change.sequence());
                statement.setString(3, change.status().name());
                statement.setObject(4, timestamp(change.occurredAt()));
            });
        }
        summaries.values().forEach(summary -> {
            summary.stored = true;
            summary.changed = false;
        });
        ledger.clear();
        statusChanges.clear();
    }

    @Override
    protected void forgetRows() {
        summaries.clear();
        ledger.clear();
        statusChanges.clear();
    }
}

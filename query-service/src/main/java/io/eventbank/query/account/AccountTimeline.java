package io.eventbank.query.account;

import io.eventbank.api.account.AccountStatementView;
import io.eventbank.api.account.AccountStatus;
import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.LedgerEntryType;
import io.eventbank.api.account.LedgerEntryView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An account at any instant, from the read models kept for it: the ledger (every balance change, with its sequence
 * number) and the status changes (opening, closing). The state at an instant is the state after the last event, by
 * sequence number, whose time stamp is at or before it: with several command instances time stamps need not rise
 * with the sequence, so the rule looks for the highest sequence among the events that old, then takes the balance
 * and status that event left. Each look-up is an index range of one account, never a fold of its events.
 */
@Component
class AccountTimeline {

    /** The most entries a statement lists (API.md); a longer period is refused. */
    static final int MAX_STATEMENT_ENTRIES = 10_000;

    private static final BigDecimal NOTHING = BigDecimal.ZERO.setScale(2);

    private final JdbcClient jdbc;

    AccountTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account as it stood at the instant, or nothing if none of its events is that old. */
    Optional<AccountView> asOf(AccountSummary account, Instant at) {
        OptionalLong last = lastSequence(account.toView().accountId(), at, true);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        UUID id = account.toView().accountId();
        long sequence = last.getAsLong();
        return jdbc.sql("""
                        SELECT COALESCE((SELECT occurred_at FROM account_ledger_entry
                                         WHERE account_id = :id AND sequence = :sequence),
                                        (SELECT occurred_at FROM account_status_change
                                         WHERE account_id = :id AND sequence = :sequence)) AS updated_at,
                               (SELECT status FROM account_status_change WHERE account_id = :id AND sequence <= :sequence
                                ORDER BY sequence DESC LIMIT 1) AS status""")
                .param("id", id).param("sequence", sequence)
                .query((row, n) -> {
                    AccountView now = account.toView();
                    String status = row.getString("status");
                    return new AccountView(id, now.holderName(), balanceAfter(id, sequence),
                            status == null ? AccountStatus.OPEN : AccountStatus.valueOf(status), sequence,
                            now.openedAt(), instant(row, "updated_at", now.openedAt()));
                })
                .optional();
    }

    /**
     * The statement of the period: the entries after the last event before {@code from} up to the last event before
     * {@code to}, by sequence, so that the opening balance is the account's as of just before {@code from}, the
     * closing balance as of just before {@code to}, and the entries lead from the one to the other. With time stamps
     * that rise with the sequence these are exactly the entries with {@code from <= occurredAt < to}.
     */
    AccountStatementView statement(UUID accountId, Instant from, Instant to) {
        OptionalLong before = lastSequence(accountId, from, false);
        OptionalLong end = lastSequence(accountId, to, false);
        if (end.isEmpty()) {
            return new AccountStatementView(accountId, from, to, NOTHING, NOTHING, NOTHING, NOTHING, List.of());
        }
        long first = before.orElse(-1) + 1;
        long last = end.getAsLong();
        List<LedgerEntryView> entries = jdbc.sql("""
                        SELECT sequence, type, amount, balance_after, order_id, occurred_at, actor
                        FROM account_ledger_entry
                        WHERE account_id = :id AND sequence BETWEEN :first AND :last
                        ORDER BY sequence LIMIT :limit""")
                .param("id", accountId).param("first", first).param("last", last)
                .param("limit", MAX_STATEMENT_ENTRIES + 1)
                .query((row, n) -> new LedgerEntryView(row.getLong("sequence"),
                        LedgerEntryType.valueOf(row.getString("type")), row.getBigDecimal("amount"),
                        row.getBigDecimal("balance_after"), row.getObject("order_id", UUID.class),
                        instant(row, "occurred_at", null), row.getString("actor")))
                .list();
        if (entries.size() > MAX_STATEMENT_ENTRIES) {
            throw new IllegalArgumentException("the period holds more than " + MAX_STATEMENT_ENTRIES
                    + " entries: narrow it");
        }
        BigDecimal in = NOTHING;
        BigDecimal out = NOTHING;
        for (LedgerEntryView entry : entries) {
            if (entry.type().applyTo(BigDecimal.ZERO, BigDecimal.ONE).signum() > 0) {
                in = in.add(entry.amount());
            } else {
                out = out.add(entry.amount());
            }
        }
        BigDecimal opening = before.isEmpty() ? NOTHING : balanceAfter(accountId, before.getAsLong());
        return new AccountStatementView(accountId, from, to, opening, balanceAfter(accountId, last), in, out,
                entries);
    }

    /**
     * The highest sequence number among the account's events (balance and status changes) stamped at or before
     * the instant ({@code inclusive}), or before it.
     */
    private OptionalLong lastSequence(UUID accountId, Instant at, boolean inclusive) {
        String compare = inclusive ? "<=" : "<";
        List<Long> found = jdbc.sql("""
                        SELECT GREATEST(
                            (SELECT max(sequence) FROM account_ledger_entry
                             WHERE account_id = :id AND occurred_at %1$s :at),
                            (SELECT max(sequence) FROM account_status_change
                             WHERE account_id = :id AND occurred_at %1$s :at))""".formatted(compare))
                .param("id", accountId).param("at", at.atOffset(ZoneOffset.UTC))
                .query(Long.class).list();
        return found.isEmpty() || found.getFirst() == null ? OptionalLong.empty() : OptionalLong.of(found.getFirst());
    }

    /** The balance after the account's event of this sequence: that of the last ledger entry up to it. */
    private BigDecimal balanceAfter(UUID accountId, long sequence) {
        return jdbc.sql("""
                        SELECT balance_after FROM account_ledger_entry WHERE account_id = :id AND sequence <= :sequence
                        ORDER BY sequence DESC LIMIT 1""")
                .param("id", accountId).param("sequence", sequence)
                .query(BigDecimal.class).optional().orElse(NOTHING);
    }

    private static Instant instant(ResultSet row, String column, Instant absent) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? absent : value.toInstant();
    }
}

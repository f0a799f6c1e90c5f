package io.eventbank.query.reconciliation;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.query.account.AccountFold;
import io.eventbank.query.history.StoredEvents;
import io.eventbank.query.order.OrderFold;
import io.eventbank.query.projection.ProjectionStatus;
import io.eventbank.query.projection.Projections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Checks the read models against the event store. Every Account and Order event up to the store's head is streamed
 * in aggregate order through the read-only event store connections, deserialized (and upcast) as the processors
 * read it, and folded per aggregate; each fold is compared with the account summary and its ledger entries, or with
 * the order row and its lines. Read-model rows of aggregates that have no events are reported as well.
 * <p>
 * The read models are read in one repeatable-read snapshot, together with the processors' tokens, so the check sees
 * them exactly as far as those tokens say. It means something only when that is the head ({@code caughtUp}) and no
 * new events arrive meanwhile: a lagging read model differs from the fold by what it has not applied yet.
 */
@Component
public class Reconciliation {

    /** How many mismatches a report lists; it counts them all. */
    static final int MAX_LISTED = 100;
    private static final int FETCH_SIZE = 1000;

    /** One difference between the fold of the events and the read model; {@code field} "row" for a missing one. */
    public record Mismatch(String kind, String id, String field, String expected, String actual) {
    }

    public record Report(boolean consistent, boolean caughtUp, long headPosition, long eventsChecked, long accountsChecked,
                  long ledgerEntriesChecked, long ordersChecked, long mismatchCount, List<Mismatch> mismatches) {
    }

    private final DataSource eventStore;
    private final JdbcClient readModel;
    private final StoredEvents storedEvents;
    private final Projections projections;
    private final TransactionTemplate snapshot;
    private final int chunkSize;

    /** {@code chunkSize}: how many aggregates are folded before their rows are read and compared. */
    Reconciliation(@Qualifier("eventStoreDataSource") DataSource eventStore, JdbcClient readModel,
                   StoredEvents storedEvents, Projections projections,
                   PlatformTransactionManager transactionManager,
                   @Value("${eventbank.reconciliation.chunk-size:500}") int chunkSize) {
        this.chunkSize = chunkSize;
        this.eventStore = eventStore;
        this.readModel = readModel;
        this.storedEvents = storedEvents;
        this.projections = projections;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public Report run() {
        return snapshot.execute(status -> {
            List<ProjectionStatus> statuses = projections.statuses();
            long head = statuses.stream().mapToLong(ProjectionStatus::headPosition).max().orElse(0);
            boolean caughtUp = !statuses.isEmpty() && statuses.stream().allMatch(projection ->
                    projection.status() == ProjectionStatus.Status.RUNNING && projection.position() >= head);
            Check check = new Check(head);
            try (Connection connection = eventStore.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    foldAndCompare(connection, check);
                    findRowsWithoutEvents(connection, check);
                } finally {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the event store could not be read: " + e.getMessage(), e);
            }
            return check.report(caughtUp);
        });
    }

    /** Streams the events aggregate by aggregate and compares a chunk of folded aggregates at a time. */
    private void foldAndCompare(Connection connection, Check check) throws SQLException {
        Chunk chunk = new Chunk();
        String current = null;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                       payload_revision, payload, meta_data
                FROM domain_event_entry WHERE global_index <= ? ORDER BY aggregate_identifier, sequence_number""")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setLong(1, check.head);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String aggregateId = rows.getString("aggregate_identifier");
                    if (!aggregateId.equals(current) && chunk.size() >= chunkSize) {
                        compare(connection, chunk, check);
                        chunk = new Chunk();
                    }
                    current = aggregateId;
                    fold(rows, chunk, check);
                }
            }
        }
        compare(connection, chunk, check);
    }

    private void fold(ResultSet row, Chunk chunk, Check check) throws SQLException {
        String type = row.getString("type");
        String aggregateId = row.getString("aggregate_identifier");
        long sequence = row.getLong("sequence_number");
        if (!"Account".equals(type) && !"Order".equals(type)) {
            return;
        }
        check.events++;
        UUID id = UUID.fromString(aggregateId);
        if (chunk.unreadable.contains(id)) {
            return;
        }
        try {
            for (DomainEventMessage<?> event : storedEvents.upcast(row)) {
                if ("Account".equals(type)) {
                    chunk.accounts.computeIfAbsent(id, AccountFold::new).apply(event.getPayload(), sequence);
                } else {
                    chunk.orders.computeIfAbsent(id, OrderFold::new).apply(event.getPayload());
                }
            }
        } catch (RuntimeException e) {
            check.mismatch("event", aggregateId + ":" + sequence, "payload", "a readable " + type + " event",
                    String.valueOf(e.getMessage()));
            chunk.unreadable.add(id);
            chunk.accounts.remove(id);
            chunk.orders.remove(id);
        }
    }

    private void compare(Connection connection, Chunk chunk, Check check) throws SQLException {
        if (!chunk.accounts.isEmpty()) {
            compareAccounts(chunk.accounts, check);
        }
        if (!chunk.orders.isEmpty()) {
            Map<UUID, String> holders = holderNames(connection, chunk.orders.values().stream()
                    .map(OrderFold::accountId).filter(Objects::nonNull).distinct().toList(), check.head);
            compareOrders(chunk.orders, holders, check);
        }
    }

    private void compareAccounts(Map<UUID, AccountFold> folds, Check check) {
        Map<UUID, AccountRow> rows = new HashMap<>();
        readModel.sql("SELECT account_id, holder_name, balance, status, version FROM account_summary "
                      + "WHERE account_id IN (:ids)")
                .param("ids", folds.keySet())
                .query((row, n) -> new AccountRow(row.getObject("account_id", UUID.class),
                        row.getString("holder_name"), row.getBigDecimal("balance"), row.getString("status"),
                        row.getLong("version")))
                .list().forEach(row -> rows.put(row.accountId(), row));
        Map<UUID, Map<Long, LedgerRow>> ledgers = new HashMap<>();
        readModel.sql("SELECT account_id, sequence, type, amount, balance_after, order_id FROM account_ledger_entry "
                      + "WHERE account_id IN (:ids)")
                .param("ids", folds.keySet())
                .query((row, n) -> Map.entry(row.getObject("account_id", UUID.class), new LedgerRow(
                        row.getLong("sequence"), row.getString("type"), row.getBigDecimal("amount"),
                        row.getBigDecimal("balance_after"), row.getObject("order_id", UUID.class))))
                .list().forEach(entry -> ledgers.computeIfAbsent(entry.getKey(), id -> new TreeMap<>())
                        .put(entry.getValue().sequence(), entry.getValue()));
        for (AccountFold fold : folds.values()) {
            check.accounts++;
            String id = fold.accountId().toString();
            for (AccountFold.Disagreement disagreement : fold.disagreements()) {
                check.compare("event", id + ":" + disagreement.sequence(), "balanceAfter", disagreement.summed(),
                        disagreement.stated());
            }
            AccountRow row = rows.get(fold.accountId());
            if (row == null) {
                check.mismatch("account", id, "row", "present", "missing");
            } else {
                check.compare("account", id, "holderName", fold.holderName(), row.holderName());
                check.compare("account", id, "balance", fold.balance(), row.balance());
                check.compare("account", id, "status", fold.status().name(), row.status());
                check.compare("account", id, "version", fold.version(), row.version());
            }
            Map<Long, LedgerRow> expected = new TreeMap<>();
            fold.ledger().forEach(entry -> expected.put(entry.sequence(), new LedgerRow(entry.sequence(),
                    entry.type().name(), entry.amount(), entry.balanceAfter(), entry.orderId())));
            compareLedger(id, expected, ledgers.getOrDefault(fold.accountId(), Map.of()), check);
        }
    }

    private static void compareLedger(String accountId, Map<Long, LedgerRow> expected, Map<Long, LedgerRow> actual,
                                      Check check) {
        TreeMap<Long, Boolean> sequences = new TreeMap<>();
        expected.keySet().forEach(sequence -> sequences.put(sequence, true));
        actual.keySet().forEach(sequence -> sequences.put(sequence, true));
        for (long sequence : sequences.keySet()) {
            check.ledgerEntries++;
            String id = accountId + ":" + sequence;
            LedgerRow want = expected.get(sequence);
            LedgerRow have = actual.get(sequence);
            if (have == null) {
                check.mismatch("ledger-entry", id, "row", "present", "missing");
            } else if (want == null) {
                check.mismatch("ledger-entry", id, "row", "absent", "present");
            } else {
                check.compare("ledger-entry", id, "type", want.type(), have.type());
                check.compare("ledger-entry", id, "amount", want.amount(), have.amount());
                check.compare("ledger-entry", id, "balanceAfter", want.balanceAfter(), have.balanceAfter());
                check.compare("ledger-entry", id, "orderId", want.orderId(), have.orderId());
            }
        }
    }

    private void compareOrders(Map<UUID, OrderFold> folds, Map<UUID, String> holders, Check check) {
        Map<UUID, OrderRow> rows = new HashMap<>();
        readModel.sql("SELECT order_id, account_id, customer_name, status, rejection_reason, item_count, total "
                      + "FROM order_summary WHERE order_id IN (:ids)")
                .param("ids", folds.keySet())
                .query((row, n) -> new OrderRow(row.getObject("order_id", UUID.class),
                        row.getObject("account_id", UUID.class), row.getString("customer_name"),
                        row.getString("status"), row.getString("rejection_reason"), row.getInt("item_count"),
                        row.getBigDecimal("total")))
                .list().forEach(row -> rows.put(row.orderId(), row));
        Map<UUID, Map<Integer, LineRow>> lines = new HashMap<>();
        readModel.sql("SELECT order_id, line_no, product_id, quantity, unit_price, line_total FROM order_line "
                      + "WHERE order_id IN (:ids)")
                .param("ids", folds.keySet())
                .query((row, n) -> Map.entry(row.getObject("order_id", UUID.class), Map.entry(row.getInt("line_no"),
                        new LineRow(row.getString("product_id"), row.getInt("quantity"),
                                row.getBigDecimal("unit_price"), row.getBigDecimal("line_total")))))
                .list().forEach(entry -> lines.computeIfAbsent(entry.getKey(), id -> new TreeMap<>())
                        .put(entry.getValue().getKey(), entry.getValue().getValue()));
        for (OrderFold fold : folds.values()) {
            if (fold.status() == null) {
                continue;
            }
            check.orders++;
            String id = fold.orderId().toString();
            List<LineRow> foldedLines = fold.lines().stream()
                    .map(line -> new LineRow(line.productId(), line.quantity(), line.unitPrice(), line.lineTotal()))
                    .toList();
            OrderRow row = rows.get(fold.orderId());
            if (row == null) {
                check.mismatch("order", id, "row", "present", "missing");
                continue;
            }
            check.compare("order", id, "accountId", fold.accountId(), row.accountId());
            check.compare("order", id, "customerName", holders.get(fold.accountId()), row.customerName());
            check.compare("order", id, "status", fold.status().name(), row.status());
            check.compare("order", id, "rejectionReason",
                    fold.rejectionReason() == null ? null : fold.rejectionReason().name(), row.rejectionReason());
            check.compare("order", id, "itemCount", foldedLines.size(), row.itemCount());
            check.compare("order", id, "total", fold.total(), row.total());
            Map<Integer, LineRow> actual = lines.getOrDefault(fold.orderId(), Map.of());
            for (int lineNo = 0; lineNo < Math.max(foldedLines.size(), actual.size()); lineNo++) {
                String lineId = id + ":" + lineNo;
                LineRow want = lineNo < foldedLines.size() ? foldedLines.get(lineNo) : null;
                LineRow have = actual.get(lineNo);
                if (want == null || have == null) {
                    check.mismatch("order-line", lineId, "row", want == null ? "absent" : "present",
                            have == null ? "missing" : "present");
                } else {
                    check.compare("order-line", lineId, "productId", want.productId(), have.productId());
                    check.compare("order-line", lineId, "quantity", want.quantity(), have.quantity());
                    check.compare("order-line", lineId, "unitPrice", want.unitPrice(), have.unitPrice());
                    check.compare("order-line", lineId, "lineTotal", want.lineTotal(), have.lineTotal());
                }
            }
        }
    }

    /** The holder names of the accounts, read from their opening events (always an account's sequence 0). */
    private Map<UUID, String> holderNames(Connection connection, List<UUID> accountIds, long head)
            throws SQLException {
        Map<UUID, String> names = new HashMap<>();
        if (accountIds.isEmpty()) {
            return names;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                       payload_revision, payload, meta_data
                FROM domain_event_entry
                WHERE aggregate_identifier = ANY (?) AND sequence_number = 0 AND type = 'Account'
                  AND global_index <= ?""")) {
            statement.setArray(1, connection.createArrayOf("varchar",
                    accountIds.stream().map(UUID::toString).toArray()));
            statement.setLong(2, head);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    for (DomainEventMessage<?> event : storedEvents.upcast(rows)) {
                        if (event.getPayload() instanceof AccountOpened opened) {
                            names.put(opened.accountId(), opened.holderName());
                        }
                    }
                }
            }
        }
        return names;
    }

    /**
     * Pages through the read models' keys and asks the event store whether each aggregate exists at all; the rows of
     * one that does not are reported. An aggregate that came after the head exists, so its rows are not.
     */
    private void findRowsWithoutEvents(Connection connection, Check check) throws SQLException {
        findRowsWithoutEvents(connection, check, "account", "Account", "account_summary", "account_id");
        findRowsWithoutEvents(connection, check, "ledger-entry", "Account", "account_ledger_entry", "account_id");
        findRowsWithoutEvents(connection, check, "order", "Order", "order_summary", "order_id");
    }

    private void findRowsWithoutEvents(Connection connection, Check check, String kind, String aggregateType,
                                       String table, String key) throws SQLException {
        String page = "SELECT DISTINCT " + key + " FROM " + table + " %s ORDER BY " + key + " LIMIT "
                      + chunkSize;
        List<UUID> ids = readModel.sql(page.formatted("")).query(UUID.class).list();
        while (!ids.isEmpty()) {
            Set<UUID> known = existing(connection, ids, aggregateType);
            for (UUID id : ids) {
                if (!known.contains(id)) {
                    check.mismatch(kind, id.toString(), "row", "absent", "present");
                }
            }
            ids = readModel.sql(page.formatted("WHERE " + key + " > ?")).param(ids.getLast()).query(UUID.class).list();
        }
    }

    private static Set<UUID> existing(Connection connection, List<UUID> ids, String aggregateType)
            throws SQLException {
        Set<UUID> known = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT aggregate_identifier "
                + "FROM domain_event_entry WHERE aggregate_identifier = ANY (?) AND sequence_number = 0 AND type = ?")) {
            statement.setArray(1, connection.createArrayOf("varchar", ids.stream().map(UUID::toString).toArray()));
            statement.setString(2, aggregateType);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    known.add(UUID.fromString(rows.getString(1)));
                }
            }
        }
        return known;
    }

    private record AccountRow(UUID accountId, String holderName, BigDecimal balance, String status, long version) {
    }

    private record LedgerRow(long sequence, String type, BigDecimal amount, BigDecimal balanceAfter, UUID orderId) {
    }

    private record OrderRow(UUID orderId, UUID accountId, String customerName, String status, String rejectionReason,
                            int itemCount, BigDecimal total) {
    }

    private record LineRow(String productId, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    /** The aggregates folded since the last comparison. */
    private static final class Chunk {
        final Map<UUID, AccountFold> accounts = new LinkedHashMap<>();
        final Map<UUID, OrderFold> orders = new LinkedHashMap<>();
        final Set<UUID> unreadable = new HashSet<>();

        int size() {
            return accounts.size() + orders.size();
        }
    }

    /** The running totals and the mismatches found so far, the first {@link #MAX_LISTED} of them listed. */
    private static final class Check {
        final long head;
        long events;
        long accounts;
        long ledgerEntries;
        long orders;
        long mismatchCount;
        final List<Mismatch> mismatches = new ArrayList<>();

        Check(long head) {
            this.head = head;
        }

        void compare(String kind, String id, String field, Object expected, Object actual) {
            boolean same = expected instanceof BigDecimal want && actual instanceof BigDecimal have
                    ? want.compareTo(have) == 0 : Objects.equals(expected, actual);
            if (!same) {
                mismatch(kind, id, field, text(expected), text(actual));
            }
        }

        void mismatch(String kind, String id, String field, String expected, String actual) {
            mismatchCount++;
            if (mismatches.size() < MAX_LISTED) {
                mismatches.add(new Mismatch(kind, id, field, expected, actual));
            }
        }

        Report report(boolean caughtUp) {
            return new Report(mismatchCount == 0, caughtUp, head, events, accounts, ledgerEntries, orders,
                    mismatchCount, List.copyOf(mismatches));
        }

        private static String text(Object value) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : Objects.toString(value, null);
        }
    }
}

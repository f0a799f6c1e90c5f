package io.eventbank.query.order;

import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.query.projection.BatchWrites;
import org.axonframework.messaging.Message;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The order rows, order lines and customer names one batch of an {@code orders} slot's processor changes (see
 * {@link BatchWrites}), in the tables of that slot's schema.
 * <p>
 * Accounts and orders are different aggregates, so an order may be placed in one segment while its account's opening
 * is handled in another, concurrently. They meet in the account's {@code order_customer} row: a batch writes (or
 * locks) the rows of all its accounts in one statement, in the order of their ids, before anything else. Whichever
 * batch commits second therefore sees the other's: an opening names the orders already stored without a name, and
 * a placement reads the name of an opening already stored.
 */
class OrderWrites extends BatchWrites {

    /** An order row as the batch has made it so far. */
    static final class Order {
        private final UUID orderId;
        private final UUID accountId;
        /** Written with the row, never changed; not loaded. */
        private final String owner;
        private final List<OrderLine> lines;
        private final BigDecimal total;
        private final Instant createdAt;
        private String customerName;
        private OrderStatus status;
        private RejectionReason rejectionReason;
        private Instant updatedAt;
        private boolean stored;
        private boolean changed;

        private Order(UUID orderId, UUID accountId, String owner, List<OrderLine> lines, BigDecimal total,
                      Instant createdAt, OrderStatus status, RejectionReason rejectionReason,
                      Instant updatedAt, boolean stored) {
            this.orderId = orderId;
            this.accountId = accountId;
            this.owner = owner;
            this.lines = lines;
            this.total = total;
            this.createdAt = createdAt;
            this.status = status;
            this.rejectionReason = rejectionReason;
            this.updatedAt = updatedAt;
            this.stored = stored;
        }

        OrderStatus status() {
            return status;
        }

        RejectionReason rejectionReason() {
            return rejectionReason;
        }

        BigDecimal total() {
            return total;
        }

        void statusChanged(OrderStatus status, Instant at) {
            this.status = status;
            this.updatedAt = at;
            this.changed = true;
        }

        void rejected(RejectionReason reason, Instant at) {
            this.rejectionReason = reason;
            statusChanged(OrderStatus.REJECTED, at);
        }
    }

    /** One event of an order and the status it set: what the order as of an instant needs. */
    private record StatusChange(UUID orderId, long sequence, OrderStatus status, RejectionReason rejectionReason,
                                Instant occurredAt) {
    }

    private final Map<UUID, String> openings = new LinkedHashMap<>();
    private final Map<UUID, Order> orders = new LinkedHashMap<>();
    private final List<StatusChange> statusChanges = new ArrayList<>();

    private final String schema;

    /** Writes into the tables of the given schema, named in every statement: a slot, never the public views. */
    OrderWrites(JdbcTemplate jdbc, String schema, List<? extends Message<?>> batch) {
        super(jdbc, batch);
        this.schema = schema;
    }

    void accountOpened(UUID accountId, String holderName) {
        openings.put(accountId, holderName);
    }

    void placed(UUID orderId, UUID accountId, String owner, List<OrderLine> lines, BigDecimal total, long sequence,
                Instant at) {
        if (order(orderId) != null) {
            throw new IllegalStateException("order " + orderId + " is already in the read model");
        }
        orders.put(orderId, new Order(orderId, accountId, owner, List.copyOf(lines), total, at, OrderStatus.PLACED,
                null, at, false));
        statusChanges.add(new StatusChange(orderId, sequence, OrderStatus.PLACED, null, at));
    }

    /** Records that the order's event of this sequence set the order's status (and reason) as it now stands. */
    void statusChanged(Order order, long sequence, Instant at) {
        statusChanges.add(new StatusChange(order.orderId, sequence, order.status, order.rejectionReason, at));
    }

    /** The order as of the events handled so far, or {@code null} if it was never placed. */
    Order order(UUID orderId) {
        lookUp(orderId);
        return orders.get(orderId);
    }

    @Override
    protected void load(Set<UUID> ids) {
        jdbc.query("""
                SELECT order_id, account_id, total, created_at, status, rejection_reason, updated_at
                FROM %s.order_summary WHERE order_id = ANY(?)""".formatted(schema), statement -> setUuids(statement, 1, ids), row -> {
            UUID id = row.getObject("order_id", UUID.class);
            String reason = row.getString("rejection_reason");
            orders.put(id, new Order(id, row.getObject("account_id", UUID.class), null, List.of(),
                    row.getBigDecimal("total"), instant(row, "created_at"), OrderStatus.valueOf(row.getString("status")),
                    reason == null ? null : RejectionReason.valueOf(reason), instant(row, "updated_at"), true));
        });
    }

    @Override
    protected void write() {
        List<Order> inserts = orders.values().stream().filter(order -> !order.stored).toList();
        Map<UUID, String> names = customers(inserts);
        if (!inserts.isEmpty()) {
            inserts.forEach(order -> order.customerName = names.get(order.accountId));
            jdbc.batchUpdate("""
                    INSERT INTO %s.order_summary (order_id, account_id, customer_name, status, rejection_reason,
                                                  item_count, total, created_at, updated_at, owner)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""".formatted(schema), inserts, inserts.size(),
                    (statement, order) -> {
                statement.setObject(1, order.orderId);
                statement.setObject(2, order.accountId);
                statement.setString(3, order.customerName);
                statement.setString(4, order.status.name());
                statement.setString(5, order.rejectionReason == null ? null : order.rejectionReason.name());
                statement.setInt(6, order.lines.size());
                statement.setBigDecimal(7, order.total);
                statement.setObject(8, timestamp(order.createdAt));
                statement.setObject(9, timestamp(order.updatedAt));
                statement.setString(10, order.owner);
            });
            List<Object[]> lines = new ArrayList<>();
            for (Order order : inserts) {
                for (int lineNo = 0; lineNo < order.lines.size(); lineNo++) {
                    OrderLine line = order.lines.get(lineNo);
                    lines.add(new Object[] {order.orderId, lineNo, line.productId(), line.quantity(),
                            line.unitPrice().amount(), line.lineTotal().amount()});
                }
            }
            jdbc.batchUpdate("""
                    INSERT INTO %s.order_line (order_id, line_no, product_id, quantity, unit_price, line_total)
                    VALUES (?, ?, ?, ?, ?, ?)""".formatted(schema), lines);
        }
        if (!openings.isEmpty()) {
            jdbc.batchUpdate("UPDATE " + schema + ".order_summary SET customer_name = ? "
                             + "WHERE account_id = ? AND customer_name IS NULL",
                    new TreeMap<>(openings).entrySet().stream()
                            .map(opening -> new Object[] {opening.getValue(), opening.getKey()}).toList());
        }
        List<Order> updates = orders.values().stream().filter(order -> order.stored && order.changed).toList();
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE " + schema + ".order_summary SET status = ?, rejection_reason = ?, updated_at = ? "
                             + "WHERE order_id = ?",
                    updates, updates.size(), (statement, order) -> {
                        statement.setString(1, order.status.name());
                        statement.setString(2, order.rejectionReason == null ? null : order.rejectionReason.name());
                        statement.setObject(3, timestamp(order.updatedAt));
                        statement.setObject(4, order.orderId);
                    });
        }
        if (!statusChanges.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + schema + ".order_status_change "
                             + "(order_id, sequence, status, rejection_reason, occurred_at) VALUES (?, ?, ?, ?, ?)",
                    statusChanges, statusChanges.size(), (statement, change) -> {
                        statement.setObject(1, change.orderId());
                        statement.setLong(2, change.sequence());
                        statement.setString(3, change.status().name());
                        statement.setString(4, change.rejectionReason() == null ? null
                                : change.rejectionReason().name());
                        statement.setObject(5, timestamp(change.occurredAt()));
                    });
        }
        orders.values().forEach(order -> {
            order.stored = true;
            order.changed = false;
        });
        openings.clear();
        statusChanges.clear();
    }

    /**
     * Writes the holder names of the accounts opened in this batch and locks the customer rows of the accounts of
     * the orders placed in it, in one statement and in the order of the account ids (so that two batches never wait
     * for each other in a cycle); returns the name of every account placing an order, where known.
     */
    private Map<UUID, String> customers(List<Order> placed) {
        Map<UUID, String> rows = new TreeMap<>();
        placed.forEach(order -> rows.put(order.accountId, null));
        rows.putAll(openings);
        Map<UUID, String> names = new HashMap<>();
        if (rows.isEmpty()) {
            return names;
        }
        jdbc.query("""
                INSERT INTO %s.order_customer AS customer (account_id, holder_name)
                SELECT account_id, holder_name FROM unnest(?::uuid[], ?::varchar[]) AS c(account_id, holder_name)
                ORDER BY account_id
                ON CONFLICT (account_id) DO UPDATE
                    SET holder_name = COALESCE(EXCLUDED.holder_name, customer.holder_name)
                RETURNING account_id, holder_name""".formatted(schema), statement -> {
            setUuids(statement, 1, rows.keySet());
            statement.setArray(2, statement.getConnection().createArrayOf("varchar", rows.values().toArray()));
        }, row -> {
            names.put(row.getObject("account_id", UUID.class), row.getString("holder_name"));
        });
        return names;
    }

    @Override
    protected void forgetRows() {
        openings.clear();
        orders.clear();
        statusChanges.clear();
    }
}

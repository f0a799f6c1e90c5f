package io.eventbank.query.order;

import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.api.order.RejectionReason;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * An order at any instant, from its status changes (one row per event of the order): the state after its last
 * event, by sequence number, whose time stamp is at or before the instant. Lines, total and customer do not change
 * after the order is placed; its status, rejection reason and {@code updatedAt} are those that event left.
 */
class OrderTimeline {

    private final JdbcClient jdbc;

    OrderTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrderView> asOf(OrderView now, Instant at) {
        return jdbc.sql("""
                        SELECT status, rejection_reason, occurred_at FROM order_status_change
                        WHERE order_id = :id AND sequence = (SELECT max(sequence) FROM order_status_change
                                                             WHERE order_id = :id AND occurred_at <= :at)""")
                .param("id", now.orderId()).param("at", at.atOffset(ZoneOffset.UTC))
                .query((row, n) -> {
                    String reason = row.getString("rejection_reason");
                    return new OrderView(now.orderId(), now.accountId(), now.customerName(),
                            OrderStatus.valueOf(row.getString("status")),
                            reason == null ? null : RejectionReason.valueOf(reason), now.items(), now.total(),
                            now.createdAt(), row.getObject("occurred_at", OffsetDateTime.class).toInstant());
                })
                .optional();
    }
}

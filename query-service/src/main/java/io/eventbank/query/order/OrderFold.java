package io.eventbank.query.order;

import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.RejectionReason;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One order folded from its events, into what the order projection keeps of it: the one fold of the Order events on
 * the read side, used by reconciliation and by the tests that need the expected read model. {@code status} stays
 * {@code null} until the order's {@code OrderPlaced}.
 */
public final class OrderFold {

    /** An order line as the fold expects it. */
    public record Line(String productId, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    private final UUID orderId;
    private UUID accountId;
    private OrderStatus status;
    private RejectionReason rejectionReason;
    private BigDecimal total;
    private List<Line> lines = List.of();

    public OrderFold(UUID orderId) {
        this.orderId = orderId;
    }

    public OrderFold apply(Object event) {
        switch (event) {
            case OrderPlaced placed -> {
                accountId = placed.accountId();
                status = OrderStatus.PLACED;
                total = placed.total().amount();
                lines = placed.lines().stream().map(OrderFold::line).toList();
            }
            case OrderPaid paid -> status = OrderStatus.PAID;
            case OrderRejected rejected -> {
                status = OrderStatus.REJECTED;
                rejectionReason = rejected.reason();
            }
            case OrderShipped shipped -> status = OrderStatus.SHIPPED;
            case OrderCancelled cancelled -> status = OrderStatus.CANCELLED;
            default -> {
            }
        }
        return this;
    }

    private static Line line(OrderLine line) {
        return new Line(line.productId(), line.quantity(), line.unitPrice().amount(), line.lineTotal().amount());
    }

    public UUID orderId() {
        return orderId;
    }

    public UUID accountId() {
        return accountId;
    }

    public OrderStatus status() {
        return status;
    }

    public RejectionReason rejectionReason() {
        return rejectionReason;
    }

    public BigDecimal total() {
        return total;
    }

    public List<Line> lines() {
        return lines;
    }
}

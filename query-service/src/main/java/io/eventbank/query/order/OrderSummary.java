package io.eventbank.query.order;

import io.eventbank.api.order.OrderLineView;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.api.order.RejectionReason;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One order: a row of the order list view, with the order's lines beside it. Read only here: the projection writes
 * the rows with plain statements ({@link OrderWrites}).
 */
@Entity
@Table(name = "order_summary")
@Immutable
class OrderSummary {

    @Embeddable
    record Line(String productId, int quantity, @Column(precision = 1000, scale = 2) BigDecimal unitPrice,
                @Column(precision = 1000, scale = 2) BigDecimal lineTotal) {

        OrderLineView toView() {
            return new OrderLineView(productId, quantity, unitPrice, lineTotal);
        }
    }

    @Id
    private UUID orderId;
    private UUID accountId;
    private String customerName;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    @Enumerated(EnumType.STRING)
    private RejectionReason rejectionReason;
    private int itemCount;
    @Column(precision = 1000, scale = 2)
    private BigDecimal total;
    private Instant createdAt;
    private Instant updatedAt;
    private String owner;
    @ElementCollection
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<Line> lines = new ArrayList<>();

    protected OrderSummary() {
    }

    /** Whether a caller restricted to {@code owner}'s orders may read this one; {@code null}: no restriction. */
    boolean isReadableBy(String owner) {
        return owner == null || owner.equals(this.owner);
    }

    OrderListItemView toListItem() {
        return new OrderListItemView(orderId, createdAt, customerName, itemCount, total, status);
    }

    OrderView toView() {
        return new OrderView(orderId, accountId, customerName, status, rejectionReason,
                lines.stream().map(Line::toView).toList(), total, createdAt, updatedAt);
    }
}

package io.eventbank.query.order;

import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderLineView;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.query.readmodel.InsertedRow;
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
import org.hibernate.annotations.DynamicUpdate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One order: a row of the order list view, with the order's lines beside it.
 * <p>
 * Updates write only the columns that changed: the customer name is filled by the account's events while the
 * order's own events change the status, possibly at the same time in another segment, and neither may write back
 * the other's column as it read it.
 */
@Entity
@Table(name = "order_summary")
@DynamicUpdate
class OrderSummary extends InsertedRow<UUID> {

    @Embeddable
    record Line(String productId, int quantity, @Column(precision = 19, scale = 2) BigDecimal unitPrice,
                @Column(precision = 19, scale = 2) BigDecimal lineTotal) {

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
    @Column(precision = 19, scale = 2)
    private BigDecimal total;
    private Instant createdAt;
    private Instant updatedAt;
    @ElementCollection
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<Line> lines = new ArrayList<>();

    protected OrderSummary() {
    }

    OrderSummary(UUID orderId, UUID accountId, String customerName, List<OrderLine> lines, BigDecimal total,
                 Instant createdAt) {
        this.orderId = orderId;
        this.accountId = accountId;
        this.customerName = customerName;
        this.status = OrderStatus.PLACED;
        this.itemCount = lines.size();
        this.total = total;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        lines.forEach(line -> this.lines.add(new Line(line.productId(), line.quantity(), line.unitPrice().amount(),
                line.lineTotal().amount())));
    }

    void customerNamed(String holderName) {
        this.customerName = holderName;
    }

    void statusChanged(OrderStatus status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    void rejected(RejectionReason reason, Instant at) {
        this.rejectionReason = reason;
        statusChanged(OrderStatus.REJECTED, at);
    }

    @Override
    public UUID getId() {
        return orderId;
    }

    OrderListItemView toListItem() {
        return new OrderListItemView(orderId, createdAt, customerName, itemCount, total, status);
    }

    OrderView toView() {
        return new OrderView(orderId, accountId, customerName, status, rejectionReason,
                lines.stream().map(Line::toView).toList(), total, createdAt, updatedAt);
    }
}

package io.eventbank.query.order;

import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.query.projection.Slot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order projection's handlers, called directly on the rows of one batch, without a database. */
class OrderProjectionTest {

    private static final Instant PLACED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-02T10:30:00Z");

    private final OrderWrites batch = new OrderWrites(null, "orders_blue", List.of()) {
        @Override
        protected void load(Set<UUID> ids) {
            // an empty read model: no order has a row yet
        }
    };
    private final OrderProjection projection = new OrderProjection(null, null, Slot.BLUE, () -> batch);
    private final UUID orderId = UUID.randomUUID();
    private final UUID accountId = UUID.randomUUID();
    private final List<OrderLine> lines = List.of(new OrderLine("sku-1", 2, Money.of("12.50")),
            new OrderLine("sku-2", 1, Money.of("5.00")));

    @Test
    void aPlacedOrderIsPaidThenShipped() {
        projection.on(new OrderPlaced(orderId, accountId, lines, Money.of(30), "test-owner"), 0, PLACED);
        assertThat(batch.order(orderId).status()).isEqualTo(OrderStatus.PLACED);
        assertThat(batch.order(orderId).total()).isEqualByComparingTo("30.00");

        projection.on(new OrderPaid(orderId, accountId, Money.of(30)), 1, LATER);
        assertThat(batch.order(orderId).status()).isEqualTo(OrderStatus.PAID);

        projection.on(new OrderShipped(orderId), 2, LATER);
        assertThat(batch.order(orderId).status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void aRejectedOrderKeepsItsReason() {
        projection.on(new OrderPlaced(orderId, accountId, lines, Money.of(30), "test-owner"), 0, PLACED);
        projection.on(new OrderRejected(orderId, accountId, RejectionReason.INSUFFICIENT_FUNDS), 1, LATER);

        assertThat(batch.order(orderId).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(batch.order(orderId).rejectionReason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void aCancelledOrderIsCancelled() {
        projection.on(new OrderPlaced(orderId, accountId, lines, Money.of(30), "test-owner"), 0, PLACED);
        projection.on(new OrderCancelled(orderId, accountId, Money.of(30), false), 1, LATER);

        assertThat(batch.order(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void anEventOfAnOrderNeverPlacedIsRefused() {
        assertThatThrownBy(() -> projection.on(new OrderPaid(orderId, accountId, Money.of(30)), 1, LATER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no order");
    }

    @Test
    void anOrderPlacedTwiceIsRefused() {
        projection.on(new OrderPlaced(orderId, accountId, lines, Money.of(30), "test-owner"), 0, PLACED);

        assertThatThrownBy(() -> projection.on(new OrderPlaced(orderId, accountId, lines, Money.of(30), "test-owner"), 0, PLACED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }
}

package io.eventbank.command.order;

import io.eventbank.api.order.OrderStatus;

import java.util.UUID;

/** Builds the order's refusals for tests outside the aggregate. */
final class OrderRuleViolationsForTests {

    private OrderRuleViolationsForTests() {
    }

    static RuntimeException notAwaitingPayment(UUID orderId) {
        return new OrderRuleViolations.OrderNotAwaitingPayment(orderId, OrderStatus.CANCELLED);
    }
}

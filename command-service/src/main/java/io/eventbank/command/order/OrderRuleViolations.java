package io.eventbank.command.order;

import io.eventbank.api.order.OrderStatus;
import io.eventbank.command.rules.BusinessRuleViolation;

import java.util.UUID;

/** The rules an order enforces. */
public final class OrderRuleViolations {

    private OrderRuleViolations() {
    }

    public static final class OrderNotPaid extends BusinessRuleViolation {
        OrderNotPaid(UUID orderId, OrderStatus status) {
            super("order-not-paid", "order " + orderId + " is " + status + "; only a PAID order can be shipped");
        }
    }

    public static final class OrderAlreadyShipped extends BusinessRuleViolation {
        OrderAlreadyShipped(UUID orderId) {
            super("order-already-shipped", "order " + orderId + " was shipped and can no longer be cancelled");
        }
    }

    public static final class OrderNotCancellable extends BusinessRuleViolation {
        OrderNotCancellable(UUID orderId, OrderStatus status) {
            super("order-not-cancellable", "order " + orderId + " is " + status
                    + "; only a PLACED or PAID order can be cancelled");
        }
    }

    /** Payment arrived for an order that is no longer waiting for it (it was cancelled meanwhile). */
    public static final class OrderNotAwaitingPayment extends BusinessRuleViolation {
        OrderNotAwaitingPayment(UUID orderId, OrderStatus status) {
            super("order-not-awaiting-payment", "order " + orderId + " is " + status + " and takes no payment");
        }
    }
}

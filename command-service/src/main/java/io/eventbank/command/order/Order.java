package io.eventbank.command.order;

import io.eventbank.api.common.Money;
import io.eventbank.api.order.CancelOrder;
import io.eventbank.api.order.ConfirmOrderPayment;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.PlaceOrder;
import io.eventbank.api.order.RejectOrder;
import io.eventbank.api.order.ShipOrder;
import io.eventbank.command.rules.VersionMismatchException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An order: PLACED, then PAID or REJECTED by the payment saga; PAID is SHIPPED; PLACED or PAID may be CANCELLED.
 * The commands the saga sends are idempotent, so the saga can safely repeat them after a failure.
 */
@Aggregate(snapshotTriggerDefinition = "orderSnapshotTrigger", cache = "aggregateCache")
class Order {

    @AggregateIdentifier
    private UUID orderId;
    private UUID accountId;
    private Money total;
    private OrderStatus status;

    protected Order() {
    }

    @CommandHandler
    Order(PlaceOrder command) {
        apply(new OrderPlaced(command.orderId(), command.accountId(), command.lines(), command.total()));
    }

    @CommandHandler
    long handle(ConfirmOrderPayment command) {
        if (status == OrderStatus.PLACED) {
            apply(new OrderPaid(orderId, accountId, total));
        } else if (status != OrderStatus.PAID && status != OrderStatus.SHIPPED) {
            throw new OrderRuleViolations.OrderNotAwaitingPayment(orderId, status);
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RejectOrder command) {
        if (status == OrderStatus.PLACED) {
            apply(new OrderRejected(orderId, accountId, command.reason()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ShipOrder command) {
        VersionMismatchException.check(command.expectedVersion(), getVersion());
        if (status != OrderStatus.PAID) {
            throw new OrderRuleViolations.OrderNotPaid(orderId, status);
        }
        apply(new OrderShipped(orderId));
        return getVersion();
    }

    @CommandHandler
    long handle(CancelOrder command) {
        VersionMismatchException.check(command.expectedVersion(), getVersion());
        switch (status) {
            case PLACED, PAID -> apply(new OrderCancelled(orderId, accountId, total, status == OrderStatus.PAID));
            case SHIPPED -> throw new OrderRuleViolations.OrderAlreadyShipped(orderId);
            case REJECTED, CANCELLED -> throw new OrderRuleViolations.OrderNotCancellable(orderId, status);
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        accountId = event.accountId();
        total = event.total();
        status = OrderStatus.PLACED;
    }

    @EventSourcingHandler
    void on(OrderPaid event) {
        status = OrderStatus.PAID;
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }
}

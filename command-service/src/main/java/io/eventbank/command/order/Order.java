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
import io.eventbank.command.account.AccountOwners;
import io.eventbank.command.actor.ActorMetadata;
import io.eventbank.command.rules.VersionMismatchException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An order: PLACED, then PAID or REJECTED by the payment saga; PAID is SHIPPED; PLACED or PAID may be CANCELLED.
 * The commands the saga sends are idempotent, so the saga can safely repeat them after a failure.
 */
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "orderSnapshotTrigger", cache = "aggregateCache")
class Order {

    @AggregateIdentifier
    private UUID orderId;
    private UUID accountId;
    /** Its account's owner when it was placed; {@code null}: no customer owns it. */
    private String owner;
    private Money total;
    private OrderStatus status;

    protected Order() {
    }

    /**
     * Placed only on an account the caller may operate, as the account itself decides before anything is applied:
     * an account that is missing or not the caller's is refused alike, and no order is placed.
     */
    @CommandHandler
    Order(PlaceOrder command, MetaData metaData, AccountOwners accounts) {
        String accountOwner = accounts.ownerOperableBy(command.accountId(), metaData);
        apply(new OrderPlaced(command.orderId(), command.accountId(), command.lines(), command.total(), accountOwner),
                ActorMetadata.onBehalfOf(accountOwner));
    }

    @CommandHandler
    long handle(ConfirmOrderPayment command) {
        if (status == OrderStatus.PLACED) {
            applyForOwner(new OrderPaid(orderId, accountId, total));
        } else if (status != OrderStatus.PAID && status != OrderStatus.SHIPPED) {
            throw new OrderRuleViolations.OrderNotAwaitingPayment(orderId, status);
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RejectOrder command) {
        if (status == OrderStatus.PLACED) {
            applyForOwner(new OrderRejected(orderId, accountId, command.reason()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ShipOrder command, MetaData metaData) {
        ActorMetadata.requireAccess(metaData, orderId, owner);
        VersionMismatchException.check(command.expectedVersion(), getVersion());
        if (status != OrderStatus.PAID) {
            throw new OrderRuleViolations.OrderNotPaid(orderId, status);
        }
        applyForOwner(new OrderShipped(orderId));
        return getVersion();
    }

    @CommandHandler
    long handle(CancelOrder command, MetaData metaData) {
        ActorMetadata.requireAccess(metaData, orderId, owner);
        VersionMismatchException.check(command.expectedVersion(), getVersion());
        switch (status) {
            case PLACED, PAID -> applyForOwner(new OrderCancelled(orderId, accountId, total, status == OrderStatus.PAID));
            case SHIPPED -> throw new OrderRuleViolations.OrderAlreadyShipped(orderId);
            case REJECTED, CANCELLED -> throw new OrderRuleViolations.OrderNotCancellable(orderId, status);
        }
        return getVersion();
    }

    /** Applies the event with the owner of this aggregate, on whose behalf it happens, in its metadata. */
    private void applyForOwner(Object event) {
        apply(event, ActorMetadata.onBehalfOf(owner));
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        accountId = event.accountId();
        owner = event.owner();
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

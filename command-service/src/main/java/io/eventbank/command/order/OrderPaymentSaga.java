package io.eventbank.command.order;

import io.eventbank.api.account.ChargeAccountForOrder;
import io.eventbank.api.account.RefundAccountForOrder;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.ConfirmOrderPayment;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.RejectOrder;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.command.account.AccountRuleViolations;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

/**
 * Pays for an order: charges the account when the order is placed, then marks the order PAID, or REJECTED with
 * the reason the account refused. A paid order that is cancelled is refunded.
 * <p>
 * Commands go out synchronously, inside the saga's own unit of work and transaction: the events they append, the
 * saga's state and the processor's token commit together or not at all. A failure rolls everything back and the
 * processor retries the event; every command sent here is idempotent per order, so a retry never charges twice.
 */
@Saga
public class OrderPaymentSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderPaymentSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;

    private UUID orderId;
    private UUID accountId;
    private Money total;
    private boolean charged;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        orderId = event.orderId();
        accountId = event.accountId();
        total = event.total();
        RejectionReason refusal = charge();
        if (refusal != null) {
            log.info("Order {} rejected: {}", orderId, refusal);
            commandGateway.sendAndWait(new RejectOrder(orderId, refusal));
            SagaLifecycle.end();
            return;
        }
        charged = true;
        try {
            commandGateway.sendAndWait(new ConfirmOrderPayment(orderId));
        } catch (OrderRuleViolations.OrderNotAwaitingPayment e) {
            log.info("Order {} was cancelled while it was being paid; refunding", orderId);
            refund();
            SagaLifecycle.end();
        }
    }

    private RejectionReason charge() {
        try {
            commandGateway.sendAndWait(new ChargeAccountForOrder(accountId, orderId, total));
            return null;
        } catch (AccountRuleViolations.InsufficientFunds e) {
            return RejectionReason.INSUFFICIENT_FUNDS;
        } catch (AccountRuleViolations.AccountClosed e) {
            return RejectionReason.ACCOUNT_CLOSED;
        } catch (AggregateNotFoundException e) {
            return RejectionReason.ACCOUNT_NOT_FOUND;
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelled event) {
        if (charged) {
            refund();
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShipped event) {
        log.debug("Order {} shipped; payment complete", orderId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejected event) {
        log.debug("Order {} rejected; saga ends", orderId);
    }

    private void refund() {
        commandGateway.sendAndWait(new RefundAccountForOrder(accountId, orderId, total));
    }
}

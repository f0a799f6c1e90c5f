package io.eventbank.command.order;

import io.eventbank.api.account.ChargeAccountForOrder;
import io.eventbank.api.account.RefundAccountForOrder;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.ConfirmOrderPayment;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.RejectOrder;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.command.account.AccountRuleViolationsForTests;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.eventbank.command.actor.TestCallers.OWNER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderPaymentSagaTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Money TOTAL = Money.of("25.00");
    private static final OrderPlaced PLACED =
            new OrderPlaced(ORDER, ACCOUNT, List.of(new OrderLine("sku-1", 2, Money.of("12.50"))), TOTAL, OWNER);
    private static final ChargeAccountForOrder CHARGE = new ChargeAccountForOrder(ACCOUNT, ORDER, TOTAL);

    private SagaTestFixture<OrderPaymentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderPaymentSaga.class);
    }

    private void chargeFailsWith(RuntimeException failure) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ChargeAccountForOrder) {
                throw failure;
            }
            return null;
        });
    }

    @Test
    void placedOrderIsChargedThenPaid() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER.toString()).publishes(PLACED)
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER)
                .expectDispatchedCommands(CHARGE, new ConfirmOrderPayment(ORDER));
    }

    @Test
    void orderIsRejectedForInsufficientFunds() {
        chargeFailsWith(AccountRuleViolationsForTests.insufficientFunds(ACCOUNT));
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER.toString()).publishes(PLACED)
                .expectDispatchedCommands(CHARGE, new RejectOrder(ORDER, RejectionReason.INSUFFICIENT_FUNDS))
                .expectActiveSagas(0);
    }

    @Test
    void orderIsRejectedForAClosedAccount() {
        chargeFailsWith(AccountRuleViolationsForTests.accountClosed(ACCOUNT));
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER.toString()).publishes(PLACED)
                .expectDispatchedCommands(CHARGE, new RejectOrder(ORDER, RejectionReason.ACCOUNT_CLOSED))
                .expectActiveSagas(0);
    }

    @Test
    void orderIsRejectedForAnUnknownAccount() {
        chargeFailsWith(new AggregateNotFoundException(ACCOUNT.toString(), "no such account"));
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER.toString()).publishes(PLACED)
                .expectDispatchedCommands(CHARGE, new RejectOrder(ORDER, RejectionReason.ACCOUNT_NOT_FOUND))
                .expectActiveSagas(0);
    }

    @Test
    void unexpectedChargeFailurePropagatesSoTheProcessorRetries() {
        chargeFailsWith(new IllegalStateException("database unavailable"));
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        assertThatThrownBy(() -> fixture.givenNoPriorActivity().whenAggregate(ORDER.toString()).publishes(PLACED))
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelledPaidOrderIsRefunded() {
        fixture.givenAggregate(ORDER.toString()).published(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .whenAggregate(ORDER.toString()).publishes(new OrderCancelled(ORDER, ACCOUNT, TOTAL, true))
                .expectDispatchedCommands(new RefundAccountForOrder(ACCOUNT, ORDER, TOTAL))
                .expectActiveSagas(0);
    }

    @Test
    void orderCancelledWhileBeingPaidIsRefunded() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ConfirmOrderPayment) {
                throw OrderRuleViolationsForTests.notAwaitingPayment(ORDER);
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER.toString()).publishes(PLACED)
                .expectDispatchedCommands(CHARGE, new ConfirmOrderPayment(ORDER),
                        new RefundAccountForOrder(ACCOUNT, ORDER, TOTAL))
                .expectActiveSagas(0);
    }

    @Test
    void shippedOrderEndsTheSagaWithoutCommands() {
        fixture.givenAggregate(ORDER.toString()).published(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .whenAggregate(ORDER.toString()).publishes(new OrderShipped(ORDER))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void rejectionEventEndsTheSaga() {
        fixture.givenAggregate(ORDER.toString()).published(PLACED)
                .whenAggregate(ORDER.toString())
                .publishes(new OrderRejected(ORDER, ACCOUNT, RejectionReason.INSUFFICIENT_FUNDS))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }
}

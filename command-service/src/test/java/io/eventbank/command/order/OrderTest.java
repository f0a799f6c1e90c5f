package io.eventbank.command.order;

import io.eventbank.api.common.Money;
import io.eventbank.api.order.CancelOrder;
import io.eventbank.api.order.ConfirmOrderPayment;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.PlaceOrder;
import io.eventbank.api.order.RejectOrder;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.api.order.ShipOrder;
import io.eventbank.command.account.AccountOwners;
import io.eventbank.command.actor.ActorMetadata;
import io.eventbank.command.actor.TestCallers;
import io.eventbank.command.rules.VersionMismatchException;
import io.eventbank.identity.Role;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.eventbank.command.actor.TestCallers.OWNER;
import static io.eventbank.command.actor.TestCallers.adminByDefault;

class OrderTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("sku-1", 2, Money.of("12.50")),
            new OrderLine("sku-2", 1, Money.of("0.99")));
    private static final Money TOTAL = Money.of("25.99");
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, ACCOUNT, LINES, TOTAL, OWNER);

    /** The account of the tests exists and is OWNER's; any other is missing. */
    private static final AccountOwners ACCOUNT_OWNERS = (accountId, metaData) -> {
        if (!accountId.equals(ACCOUNT)) {
            throw new AggregateNotFoundException(accountId.toString(), "no account");
        }
        ActorMetadata.requireAccess(metaData, accountId, OWNER);
        return OWNER;
    };

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = adminByDefault(new AggregateTestFixture<>(Order.class));
        fixture.registerInjectableResource(ACCOUNT_OWNERS);
    }

    @Test
    void placingComputesTheTotalFromTheLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, ACCOUNT, LINES))
                .expectEvents(PLACED);
    }

    @Test
    void placedOrderCanBePaid() {
        fixture.given(PLACED)
                .when(new ConfirmOrderPayment(ORDER))
                .expectEvents(new OrderPaid(ORDER, ACCOUNT, TOTAL));
    }

    @Test
    void confirmingPaymentTwiceChangesNothing() {
        fixture.given(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .when(new ConfirmOrderPayment(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancelledOrderTakesNoPayment() {
        fixture.given(PLACED, new OrderCancelled(ORDER, ACCOUNT, TOTAL, false))
                .when(new ConfirmOrderPayment(ORDER))
                .expectException(OrderRuleViolations.OrderNotAwaitingPayment.class)
                .expectNoEvents();
    }

    @Test
    void placedOrderCanBeRejected() {
        fixture.given(PLACED)
                .when(new RejectOrder(ORDER, RejectionReason.INSUFFICIENT_FUNDS))
                .expectEvents(new OrderRejected(ORDER, ACCOUNT, RejectionReason.INSUFFICIENT_FUNDS));
    }

    @Test
    void rejectingTwiceChangesNothing() {
        fixture.given(PLACED, new OrderRejected(ORDER, ACCOUNT, RejectionReason.ACCOUNT_CLOSED))
                .when(new RejectOrder(ORDER, RejectionReason.ACCOUNT_CLOSED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void paidOrderCanBeShipped() {
        fixture.given(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .when(new ShipOrder(ORDER, null))
                .expectResultMessagePayload(2L)
                .expectEvents(new OrderShipped(ORDER));
    }

    @Test
    void unpaidOrderCannotBeShipped() {
        fixture.given(PLACED)
                .when(new ShipOrder(ORDER, null))
                .expectException(OrderRuleViolations.OrderNotPaid.class)
                .expectNoEvents();
    }

    @Test
    void rejectedOrderCannotBeShipped() {
        fixture.given(PLACED, new OrderRejected(ORDER, ACCOUNT, RejectionReason.ACCOUNT_NOT_FOUND))
                .when(new ShipOrder(ORDER, null))
                .expectException(OrderRuleViolations.OrderNotPaid.class)
                .expectNoEvents();
    }

    @Test
    void placedOrderCancelsWithoutRefund() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, null))
                .expectEvents(new OrderCancelled(ORDER, ACCOUNT, TOTAL, false));
    }

    @Test
    void paidOrderCancelsWithRefund() {
        fixture.given(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .when(new CancelOrder(ORDER, null))
                .expectEvents(new OrderCancelled(ORDER, ACCOUNT, TOTAL, true));
    }

    @Test
    void shippedOrderCannotBeCancelled() {
        fixture.given(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL), new OrderShipped(ORDER))
                .when(new CancelOrder(ORDER, null))
                .expectException(OrderRuleViolations.OrderAlreadyShipped.class)
                .expectNoEvents();
    }

    @Test
    void rejectedOrderCannotBeCancelled() {
        fixture.given(PLACED, new OrderRejected(ORDER, ACCOUNT, RejectionReason.INSUFFICIENT_FUNDS))
                .when(new CancelOrder(ORDER, null))
                .expectException(OrderRuleViolations.OrderNotCancellable.class)
                .expectNoEvents();
    }

    @Test
    void cancelledOrderCannotBeCancelledAgain() {
        fixture.given(PLACED, new OrderCancelled(ORDER, ACCOUNT, TOTAL, false))
                .when(new CancelOrder(ORDER, null))
                .expectException(OrderRuleViolations.OrderNotCancellable.class)
                .expectNoEvents();
    }

    @Test
    void staleIfMatchVersionIsRefused() {
        fixture.given(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .when(new ShipOrder(ORDER, 0L))
                .expectException(VersionMismatchException.class)
                .expectNoEvents();
    }

    @Test
    void aCustomerPlacesOrdersOnItsOwnAccountOnly() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, ACCOUNT, LINES), TestCallers.as(OWNER, Role.CUSTOMER))
                .expectEvents(PLACED);
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, ACCOUNT, LINES), TestCallers.as("customer-2", Role.CUSTOMER))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void noOrderIsPlacedOnAMissingAccount() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, UUID.randomUUID(), LINES))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aCustomerCancelsItsOwnOrdersOnly() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, null), TestCallers.as("customer-2", Role.CUSTOMER))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, null), TestCallers.as(OWNER, Role.CUSTOMER))
                .expectEvents(new OrderCancelled(ORDER, ACCOUNT, TOTAL, false));
    }

    @Test
    void aTellerShipsAnyOrder() {
        fixture.given(PLACED, new OrderPaid(ORDER, ACCOUNT, TOTAL))
                .when(new ShipOrder(ORDER, null), TestCallers.as("teller-1", Role.TELLER))
                .expectEvents(new OrderShipped(ORDER));
    }
}

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
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.RejectOrder;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.api.order.ShipOrder;
import io.eventbank.testsupport.BoundaryValues;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.eventbank.command.actor.TestCallers.OWNER;
import static io.eventbank.command.actor.TestCallers.adminByDefault;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences against an Order: its status only ever moves along the allowed transitions, and a
 * refund is due exactly when a paid order is cancelled. Random orders around the bounds: the HTTP edge and the
 * command agree on each.
 */
class OrderPropertiesTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Money TOTAL = Money.of("25.00");
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            OrderStatus.PLACED, EnumSet.of(OrderStatus.PAID, OrderStatus.REJECTED, OrderStatus.CANCELLED),
            OrderStatus.PAID, EnumSet.of(OrderStatus.SHIPPED, OrderStatus.CANCELLED),
            OrderStatus.REJECTED, EnumSet.noneOf(OrderStatus.class),
            OrderStatus.SHIPPED, EnumSet.noneOf(OrderStatus.class),
            OrderStatus.CANCELLED, EnumSet.noneOf(OrderStatus.class));

    @Property(tries = 200)
    void statusOnlyMovesAlongAllowedTransitions(@ForAll("commands") @Size(max = 12) List<Object> commands) {
        List<Object> history = List.of(new OrderPlaced(ORDER, ACCOUNT,
                List.of(new OrderLine("sku-1", 2, Money.of("12.50"))), TOTAL, OWNER));
        for (Object command : commands) {
            AggregateTestFixture<Order> fixture = adminByDefault(new AggregateTestFixture<>(Order.class));
            fixture.given(history).when(command);
            history = fixture.getEventStore().readEvents(ORDER.toString()).asStream()
                    .map(EventMessage::getPayload).map(Object.class::cast).toList();
        }
        OrderStatus status = null;
        for (Object event : history) {
            OrderStatus next = switch (event) {
                case OrderPlaced e -> OrderStatus.PLACED;
                case OrderPaid e -> OrderStatus.PAID;
                case OrderRejected e -> OrderStatus.REJECTED;
                case OrderShipped e -> OrderStatus.SHIPPED;
                case OrderCancelled e -> {
                    assertThat(e.refundDue()).as("refund due exactly when cancelled after payment")
                            .isEqualTo(status == OrderStatus.PAID);
                    yield OrderStatus.CANCELLED;
                }
                default -> throw new AssertionError("unexpected event " + event);
            };
            if (status != null) {
                assertThat(ALLOWED.get(status)).as(status + " -> " + next).contains(next);
            }
            status = next;
        }
    }

    /** The HTTP edge (Bean Validation of the request) and the command accept the same orders around the bounds. */
    @Property(tries = 300)
    void theEdgeAcceptsAnOrderExactlyWhenTheCommandDoes(@ForAll("orderLines") List<BoundaryValues.Line> lines) {
        OrderController.PlaceOrderRequest request = new OrderController.PlaceOrderRequest(ACCOUNT, lines.stream()
                .map(line -> new OrderController.OrderItemRequest(line.productId(), line.quantity(), line.unitPrice()))
                .toList());
        List<String> refused = VALIDATOR.validate(request).stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage()).toList();
        boolean commandAccepts;
        try {
            request.command(ORDER);
            commandAccepts = true;
        } catch (IllegalArgumentException e) {
            commandAccepts = false;
        }
        assertThat(commandAccepts).as("the command accepts; the edge refuses %s", refused)
                .isEqualTo(refused.isEmpty());
        Statistics.collect(commandAccepts ? "accepted" : "refused");
        Statistics.coverage(coverage -> {
            coverage.check("accepted").percentage(percent -> percent > 10);
            coverage.check("refused").percentage(percent -> percent > 10);
        });
    }

    @Provide
    Arbitrary<List<BoundaryValues.Line>> orderLines() {
        return BoundaryValues.orderLines();
    }

    @Provide
    Arbitrary<List<Object>> commands() {
        return Arbitraries.<Object>oneOf(
                Arbitraries.just(new ConfirmOrderPayment(ORDER)),
                Arbitraries.of(RejectionReason.class).map(reason -> new RejectOrder(ORDER, reason)),
                Arbitraries.just(new ShipOrder(ORDER, null)),
                Arbitraries.just(new CancelOrder(ORDER, null))).list();
    }
}

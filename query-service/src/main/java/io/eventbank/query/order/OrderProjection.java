package io.eventbank.query.order;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.common.ResultPage;
import io.eventbank.api.order.FindOrderAsOfQuery;
import io.eventbank.api.order.FindOrderQuery;
import io.eventbank.api.order.FindOrdersQuery;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.query.projection.BatchWrites;
import io.eventbank.query.projection.ProjectionNames;
import io.eventbank.query.projection.Slot;
import io.eventbank.query.projection.SlottedProjection;
import io.eventbank.query.web.ResultPages;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Projects the Order events, and the openings of the accounts that pay them, into the order list view and the
 * order details, and answers the order queries.
 * <p>
 * Events are handled in order per aggregate only, so an order may be placed here before its account is opened here.
 * The customer name is filled by whichever of the two comes second. The handlers change rows in memory; each batch
 * writes them with a few statements before it commits ({@link OrderWrites}), into the tables of its slot. The bean
 * serves the blue slot and the queries, which read the active slot through the public views.
 */
@Component
@ProcessingGroup(ProjectionNames.ORDERS)
class OrderProjection implements SlottedProjection {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt", "orderId");

    private final OrderSummaryRepository orders;
    private final JdbcTemplate jdbc;
    private final Slot slot;
    private final Supplier<OrderWrites> writes;
    private final OrderTimeline timeline;

    @Autowired
    OrderProjection(OrderSummaryRepository orders, JdbcTemplate jdbc) {
        this(orders, jdbc, Slot.BLUE);
    }

    private OrderProjection(OrderSummaryRepository orders, JdbcTemplate jdbc, Slot slot) {
        this(orders, jdbc, slot, BatchWrites.inUnitOfWork(OrderWrites.class,
                batch -> new OrderWrites(jdbc, slot.schema(ProjectionNames.ORDERS), batch)));
    }

    OrderProjection(OrderSummaryRepository orders, JdbcTemplate jdbc, Slot slot, Supplier<OrderWrites> writes) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.slot = slot;
        this.writes = writes;
        this.timeline = jdbc == null ? null : new OrderTimeline(JdbcClient.create(jdbc));
    }

    @Override
    public String projection() {
        return ProjectionNames.ORDERS;
    }

    @Override
    public Slot slot() {
        return slot;
    }

    @Override
    public SlottedProjection inSlot(Slot slot) {
        return new OrderProjection(orders, jdbc, slot);
    }

    @EventHandler
    void on(AccountOpened event) {
        writes.get().accountOpened(event.accountId(), event.holderName());
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.get().placed(event.orderId(), event.accountId(), event.owner(), event.lines(), event.total().amount(),
                sequence, at);
    }

    @EventHandler
    void on(OrderPaid event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changed(event.orderId(), sequence, at, order -> order.statusChanged(OrderStatus.PAID, at));
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changed(event.orderId(), sequence, at, order -> order.rejected(event.reason(), at));
    }

    @EventHandler
    void on(OrderShipped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changed(event.orderId(), sequence, at, order -> order.statusChanged(OrderStatus.SHIPPED, at));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changed(event.orderId(), sequence, at, order -> order.statusChanged(OrderStatus.CANCELLED, at));
    }

    /** Applies the event's change to the order and records the status it set, for the order as of an instant. */
    private void changed(UUID orderId, long sequence, Instant at, Consumer<OrderWrites.Order> change) {
        OrderWrites batch = writes.get();
        OrderWrites.Order order = batch.order(orderId);
        if (order == null) {
            throw new IllegalStateException("no order " + orderId + " to update");
        }
        change.accept(order);
        batch.statusChanged(order, sequence, at);
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrderQuery query) {
        return orders.findById(query.orderId()).filter(order -> order.isReadableBy(query.owner()))
                .map(OrderSummary::toView);
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrderAsOfQuery query) {
        return handle(new FindOrderQuery(query.orderId(), query.owner()))
                .flatMap(order -> timeline.asOf(order, query.asOf()));
    }

    /** Raw, as Axon matches a query's response type against a class only, never a parameterized type. */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    ResultPage handle(FindOrdersQuery query) {
        return ResultPages.of(orders.findAll(filter(query.status(), query.accountId(), query.owner()),
                PageRequest.of(query.page(), query.size(), NEWEST_FIRST)).map(OrderSummary::toListItem));
    }

    private static Specification<OrderSummary> filter(OrderStatus status, UUID accountId, String owner) {
        return (root, criteria, builder) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (status != null) {
                predicates.add(builder.equal(root.get("status"), status));
            }
            if (accountId != null) {
                predicates.add(builder.equal(root.get("accountId"), accountId));
            }
            if (owner != null) {
                predicates.add(builder.equal(root.get("owner"), owner));
            }
            return builder.and(predicates.toArray(Predicate[]::new));
        };
    }
}

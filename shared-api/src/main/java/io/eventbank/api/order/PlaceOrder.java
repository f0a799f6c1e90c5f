package io.eventbank.api.order;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Places an order for one or more lines, to be paid from the given account. */
public record PlaceOrder(@TargetAggregateIdentifier UUID orderId, UUID accountId, List<OrderLine> lines) {

    public PlaceOrder {
        lines = lines == null ? null : List.copyOf(lines);
    }
}

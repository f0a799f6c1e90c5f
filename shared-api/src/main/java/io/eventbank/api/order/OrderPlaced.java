package io.eventbank.api.order;

import io.eventbank.api.common.Money;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An order was placed; {@code total} is the sum of its line totals. */
@Revision("1")
public record OrderPlaced(UUID orderId, UUID accountId, List<OrderLine> lines, Money total) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}

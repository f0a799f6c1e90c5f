package io.eventbank.api.order;

import io.eventbank.api.common.Money;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.UUID;

/**
 * An order was placed; {@code total} is the sum of its line totals; {@code owner} is its account's owner when it
 * was placed ({@code null}: no customer owns it).
 */
@Revision("2")
public record OrderPlaced(UUID orderId, UUID accountId, List<OrderLine> lines, Money total, String owner) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}

package io.eventbank.api.order;

import io.eventbank.api.common.Money;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order for 1 to {@link #MAX_LINES} lines, to be paid from the given account. Each line names a product
 * (1 to {@link #MAX_PRODUCT_ID_LENGTH} characters), a quantity of 1 to {@link #MAX_QUANTITY} and a positive unit
 * price; each line total and the order total are at most {@link Money#MAX_AMOUNT}. The bounds are checked here, on
 * the command, and not on {@link OrderLine}: the lines of events already stored must stay readable.
 */
public record PlaceOrder(@TargetAggregateIdentifier UUID orderId, UUID accountId, List<OrderLine> lines) {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final int MAX_PRODUCT_ID_LENGTH = 100;

    public PlaceOrder {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines must not be null"));
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("an order has 1 to " + MAX_LINES + " lines: " + lines.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            requireWithinBounds(lines.get(i), "line " + (i + 1));
        }
        total(lines).requireAmount("the order total");
    }

    private static void requireWithinBounds(OrderLine line, String name) {
        String productId = line.productId();
        if (productId == null || productId.isBlank() || productId.length() > MAX_PRODUCT_ID_LENGTH) {
            throw new IllegalArgumentException(name + ": productId must be 1 to " + MAX_PRODUCT_ID_LENGTH
                    + " characters");
        }
        if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
            throw new IllegalArgumentException(name + ": quantity must be 1 to " + MAX_QUANTITY + ": "
                    + line.quantity());
        }
        Objects.requireNonNull(line.unitPrice(), "unitPrice must not be null").requireAmount(name + ": unitPrice");
        line.lineTotal().requireAmount(name + ": the line total (quantity × unitPrice)");
    }

    /** The sum of the line totals: what the order costs. */
    public Money total() {
        return total(lines);
    }

    private static Money total(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::lineTotal).reduce(Money.ZERO, Money::plus);
    }
}

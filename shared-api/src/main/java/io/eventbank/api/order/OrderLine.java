package io.eventbank.api.order;

import io.eventbank.api.common.Money;

/** One line of an order: a product, a quantity of at least one, and its unit price. */
public record OrderLine(String productId, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}

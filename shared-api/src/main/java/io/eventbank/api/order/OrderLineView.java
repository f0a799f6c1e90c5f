package io.eventbank.api.order;

import java.math.BigDecimal;

/** One line of an order as the read side shows it. */
public record OrderLineView(String productId, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}

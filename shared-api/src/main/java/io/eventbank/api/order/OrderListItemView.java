package io.eventbank.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of the order list view. */
public record OrderListItemView(UUID orderId, Instant createdAt, String customerName, int itemCount, BigDecimal total, OrderStatus status) {}

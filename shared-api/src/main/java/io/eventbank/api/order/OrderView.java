package io.eventbank.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order with its lines as the read side sees it. */
public record OrderView(UUID orderId, UUID accountId, String customerName, OrderStatus status, RejectionReason rejectionReason, List<OrderLineView> items, BigDecimal total, Instant createdAt, Instant updatedAt) {}

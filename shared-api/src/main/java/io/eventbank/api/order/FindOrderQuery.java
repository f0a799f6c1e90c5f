package io.eventbank.api.order;

import java.util.UUID;

/**
 * Asks for one order with its lines; answered with an {@link OrderView} or nothing. With an {@code owner}, an order
 * of another owner is nothing too.
 */
public record FindOrderQuery(UUID orderId, String owner) {}

package io.eventbank.api.order;

import java.util.UUID;

/** Asks for one order with its lines; answered with an {@link OrderView} or nothing. */
public record FindOrderQuery(UUID orderId) {}

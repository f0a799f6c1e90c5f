package io.eventbank.api.order;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks for an order as it stood at an instant, by the rule of
 * {@link io.eventbank.api.account.FindAccountAsOfQuery}; answered with an {@link OrderView} or nothing.
 */
public record FindOrderAsOfQuery(UUID orderId, String owner, Instant asOf) {}

package io.eventbank.api.order;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a placed or paid order; a paid order is refunded. */
public record CancelOrder(@TargetAggregateIdentifier UUID orderId, Long expectedVersion) {}

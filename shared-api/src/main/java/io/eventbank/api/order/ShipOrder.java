package io.eventbank.api.order;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ships a paid order. */
public record ShipOrder(@TargetAggregateIdentifier UUID orderId, Long expectedVersion) {}

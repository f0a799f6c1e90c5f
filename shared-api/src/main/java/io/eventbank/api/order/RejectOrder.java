package io.eventbank.api.order;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rejects a placed order whose payment failed; repeated, it changes nothing. */
public record RejectOrder(@TargetAggregateIdentifier UUID orderId, RejectionReason reason) {}

package io.eventbank.api.order;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks a placed order paid once its account was charged; repeated, it changes nothing. */
public record ConfirmOrderPayment(@TargetAggregateIdentifier UUID orderId) {}

package io.eventbank.api.order;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The order's account was charged its total. */
@Revision("1")
public record OrderPaid(UUID orderId, UUID accountId, Money total) {}

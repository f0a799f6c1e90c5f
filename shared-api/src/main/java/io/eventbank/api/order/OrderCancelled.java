package io.eventbank.api.order;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The order was cancelled; when {@code refundDue} its total goes back to the account. */
@Revision("1")
public record OrderCancelled(UUID orderId, UUID accountId, Money total, boolean refundDue) {}

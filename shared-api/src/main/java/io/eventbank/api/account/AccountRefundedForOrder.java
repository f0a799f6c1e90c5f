package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A cancelled order's payment went back to the account; {@code balanceAfter} is the balance once it was added. */
@Revision("1")
public record AccountRefundedForOrder(UUID accountId, UUID orderId, Money amount, Money balanceAfter) {}

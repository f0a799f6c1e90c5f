package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The account paid an order's total; {@code balanceAfter} is the balance once it was taken. */
@Revision("1")
public record AccountChargedForOrder(UUID accountId, UUID orderId, Money amount, Money balanceAfter) {}

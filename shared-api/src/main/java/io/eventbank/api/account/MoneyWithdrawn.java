package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Money was withdrawn; {@code balanceAfter} is the balance once it was taken. */
@Revision("1")
public record MoneyWithdrawn(UUID accountId, Money amount, Money balanceAfter) {}

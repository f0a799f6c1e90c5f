package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Money was deposited; {@code balanceAfter} is the balance once it was added. */
@Revision("1")
public record MoneyDeposited(UUID accountId, Money amount, Money balanceAfter) {}

package io.eventbank.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An account as the read side sees it. */
public record AccountView(UUID accountId, String holderName, BigDecimal balance, AccountStatus status, long version, Instant openedAt, Instant updatedAt) {}

package io.eventbank.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One change of an account's balance, with the balance after it. */
public record LedgerEntryView(long sequence, LedgerEntryType type, BigDecimal amount, BigDecimal balanceAfter, UUID orderId, Instant occurredAt) {}

package io.eventbank.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of an account's balance, with the balance after it and who performed it (the subject of the caller,
 * or of the order's caller for a payment or refund; {@code null} for changes stored before actors were recorded).
 */
public record LedgerEntryView(long sequence, LedgerEntryType type, BigDecimal amount, BigDecimal balanceAfter, UUID orderId, Instant occurredAt, String actor) {}

package io.eventbank.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account's statement of a period: the balance as it stood before the period and at its end, the money in
 * (deposits, refunds) and out (withdrawals, payments), and the ledger entries in between, oldest first.
 */
public record AccountStatementView(UUID accountId, Instant from, Instant to, BigDecimal openingBalance, BigDecimal closingBalance, BigDecimal totalIn, BigDecimal totalOut, List<LedgerEntryView> entries) {}

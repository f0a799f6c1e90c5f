package io.eventbank.api.account;

/** The kind of balance change a ledger entry records. */
public enum LedgerEntryType {
    DEPOSIT,
    WITHDRAWAL,
    ORDER_PAYMENT,
    ORDER_REFUND
}

package io.eventbank.api.account;

/** The kind of balance change a ledger entry records. */
public enum LedgerEntryType {
    DEPOSIT,
    WITHDRAWAL,
    ORDER_PAYMENT,
    ORDER_REFUND;

    /** The balance after an entry of this type and amount: deposits and refunds add, the others subtract. */
    public java.math.BigDecimal applyTo(java.math.BigDecimal balance, java.math.BigDecimal amount) {
        return switch (this) {
            case DEPOSIT, ORDER_REFUND -> balance.add(amount);
            case WITHDRAWAL, ORDER_PAYMENT -> balance.subtract(amount);
        };
    }
}

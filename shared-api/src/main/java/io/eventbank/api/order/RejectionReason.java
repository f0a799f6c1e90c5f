package io.eventbank.api.order;

/** Why the payment of an order failed. */
public enum RejectionReason {
    INSUFFICIENT_FUNDS,
    ACCOUNT_CLOSED,
    ACCOUNT_NOT_FOUND
}

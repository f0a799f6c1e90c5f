package io.eventbank.api.order;

/** Where an order stands: PLACED, then PAID or REJECTED; a PAID order is SHIPPED; PLACED or PAID may be CANCELLED. */
public enum OrderStatus {
    PLACED,
    PAID,
    REJECTED,
    SHIPPED,
    CANCELLED
}

package io.eventbank.api.order;

import java.util.UUID;

/** Asks for a page of the order list view, newest first, optionally filtered by status and account. */
public record FindOrdersQuery(OrderStatus status, UUID accountId, int page, int size) {}

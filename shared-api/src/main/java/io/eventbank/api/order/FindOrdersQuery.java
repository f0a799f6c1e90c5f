package io.eventbank.api.order;

import java.util.UUID;

/**
 * Asks for a page of the order list view, newest first, optionally filtered by status, account and owner
 * ({@code null}: any).
 */
public record FindOrdersQuery(OrderStatus status, UUID accountId, String owner, int page, int size) {}

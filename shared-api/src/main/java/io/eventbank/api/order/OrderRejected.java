package io.eventbank.api.order;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The order could not be paid, for the given reason. */
@Revision("1")
public record OrderRejected(UUID orderId, UUID accountId, RejectionReason reason) {}

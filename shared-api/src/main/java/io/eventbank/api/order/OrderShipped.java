package io.eventbank.api.order;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The paid order was shipped. */
@Revision("1")
public record OrderShipped(UUID orderId) {}

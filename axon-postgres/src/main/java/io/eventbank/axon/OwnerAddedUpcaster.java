package io.eventbank.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;

/**
 * The first event-schema migration: {@code AccountOpened} and {@code OrderPlaced} of revision 1, stored before
 * accounts had owners, become revision 2 with {@code "owner": null} — no customer owns them, so tellers and admins
 * reach them and customers never do (docs/evolution.md). Both services read events, so both register it.
 */
public final class OwnerAddedUpcaster extends SingleEventUpcaster {

    static final String OWNER = "owner";
    private static final List<SimpleSerializedType> FROM = List.of(
            new SimpleSerializedType("io.eventbank.api.account.AccountOpened", "1"),
            new SimpleSerializedType("io.eventbank.api.order.OrderPlaced", "1"));
    private static final String TO_REVISION = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return FROM.contains(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), TO_REVISION),
                JsonNode.class,
                payload -> {
                    ObjectNode upcast = ((ObjectNode) payload).deepCopy();
                    if (!upcast.has(OWNER)) {
                        upcast.putNull(OWNER);
                    }
                    return upcast;
                });
    }
}

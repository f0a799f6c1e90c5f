package io.eventbank.query.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rows of {@code domain_event_entry} as the processors read them: deserialized with the event serializer, through
 * the upcasters registered with Axon (an event stored at an older revision arrives in its current shape). A row
 * is read with the columns {@code type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
 * payload_type, payload_revision, payload, meta_data}.
 */
@Component
public class StoredEvents {

    public static final String COLUMNS = "type, aggregate_identifier, sequence_number, event_identifier, time_stamp, "
                                         + "payload_type, payload_revision, payload, meta_data";

    private final Serializer eventSerializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;

    StoredEvents(@Qualifier("eventSerializer") Serializer eventSerializer,
                 ObjectProvider<org.axonframework.config.Configuration> axon) {
        this.eventSerializer = eventSerializer;
        this.axon = axon;
    }

    /** The events of the row in their current shape: one, or as many as an upcaster makes of it. */
    public List<DomainEventMessage<?>> upcast(ResultSet row) throws SQLException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(row.getString("type"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"),
                row.getString("event_identifier"), row.getString("time_stamp"), row.getString("payload_type"),
                row.getString("payload_revision"), row.getBytes("payload"), row.getBytes("meta_data"));
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry),
                eventSerializer, upcasters());
        List<DomainEventMessage<?>> events = new ArrayList<>(1);
        while (stream.hasNext()) {
            events.add(stream.next());
        }
        return events;
    }

    private EventUpcaster upcasters() {
        org.axonframework.config.Configuration configuration = axon.getIfAvailable();
        EventUpcaster chain = configuration == null ? null : configuration.upcasterChain();
        return chain == null ? NoOpEventUpcaster.INSTANCE : chain;
    }
}

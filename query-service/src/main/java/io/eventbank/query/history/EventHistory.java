package io.eventbank.query.history;

import io.eventbank.api.common.ResultPage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An aggregate's events from its first, oldest first, paged: read from {@code domain_event_entry} through the
 * read-only event store connections (never through Axon's {@code readEvents}, which starts at the latest snapshot),
 * each with its stored revision and its payload upcast to the current shape.
 */
@Component
public class EventHistory {

    /** One stored event of an aggregate. */
    public record Entry(long sequence, String type, String revision, Instant timestamp, Object payload,
                        Map<String, Object> metadata) {
    }

    private final JdbcClient eventStore;
    private final StoredEvents events;

    EventHistory(@Qualifier("eventStoreDataSource") DataSource eventStore, StoredEvents events) {
        this.eventStore = JdbcClient.create(eventStore);
        this.events = events;
    }

    /** The page of the events of the aggregate of this type (as Axon stores it: {@code Account}, {@code Order}). */
    public ResultPage<Entry> of(String aggregateType, UUID aggregateId, int page, int size) {
        long total = eventStore.sql("""
                        SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND type = ?""")
                .params(aggregateId.toString(), aggregateType).query(Long.class).single();
        List<Entry> content = eventStore.sql("SELECT " + StoredEvents.COLUMNS + """
                         FROM domain_event_entry WHERE aggregate_identifier = ? AND type = ?
                        ORDER BY sequence_number LIMIT ? OFFSET ?""")
                .params(aggregateId.toString(), aggregateType, size, (long) page * size)
                .query((row, n) -> entries(row))
                .list().stream().flatMap(List::stream).toList();
        return new ResultPage<>(content, page, size, total);
    }

    private List<Entry> entries(ResultSet row) throws SQLException {
        String revision = row.getString("payload_revision");
        List<Entry> entries = new ArrayList<>(1);
        for (DomainEventMessage<?> event : events.upcast(row)) {
            entries.add(new Entry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(), revision,
                    event.getTimestamp(), event.getPayload(), new TreeMap<>(event.getMetaData())));
        }
        return entries;
    }
}

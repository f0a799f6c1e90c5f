package io.eventbank.reliability;

import io.eventbank.testsupport.EventStreamReader;
import io.eventbank.testsupport.EventStreamReader.Event;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The event stream on Kafka held against the event store it was published from. */
final class EventStreamChecks {

    /** One event of the store: what its record must repeat. */
    record StoredEvent(String id, String aggregateId, long sequence, String payload) {
    }

    private EventStreamChecks() {
    }

    /** Every event of the store, in the order of the store. */
    static List<StoredEvent> storedEvents(Connection eventStore) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Statement statement = eventStore.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT event_identifier, aggregate_identifier, sequence_number, payload FROM domain_event_entry "
                        + "ORDER BY global_index")) {
            while (rows.next()) {
                events.add(new StoredEvent(rows.getString(1), rows.getString(2), rows.getLong(3),
                        new String(rows.getBytes(4), UTF_8)));
            }
        }
        return events;
    }

    /**
     * Reads the topic until every stored event is on it, then asserts what a consumer relies on: nothing on the topic
     * that the store does not hold; a record read twice is the same event (same key, value and headers); each record
     * is its stored event (key, payload, sequence); and, keeping the first copy of each {@code ce_id}, each
     * aggregate's events arrive in the order of their sequence numbers, none missing. Answers the records read.
     */
    static List<Event> assertEveryEventArrived(EventStreamReader reader, Connection eventStore, Duration timeout)
            throws SQLException {
        List<StoredEvent> stored = storedEvents(eventStore);
        Set<String> storedIds = stored.stream().map(StoredEvent::id).collect(Collectors.toSet());
        List<Event> read = reader.readUntil(records -> records.stream().map(Event::id).collect(Collectors.toSet())
                .containsAll(storedIds), timeout);

        // events appended while the topic was read (the saga's, a workload's last) may be on it too: an event is
        // stored before it is published, so the store read now holds every record
        List<StoredEvent> storedNow = storedEvents(eventStore);
        Set<String> storedNowIds = storedNow.stream().map(StoredEvent::id).collect(Collectors.toSet());
        assertThat(read).extracting(Event::id).allMatch(storedNowIds::contains, "an event of the store");
        Map<String, Event> first = new LinkedHashMap<>();
        for (Event event : read) {
            Event earlier = first.putIfAbsent(event.id(), event);
            if (earlier != null) {
                assertThat(List.of(event.key(), event.value(), event.headers()))
                        .as("a duplicate of %s", event.id())
                        .isEqualTo(List.of(earlier.key(), earlier.value(), earlier.headers()));
            }
        }
        Map<String, List<Long>> storedSequences = new HashMap<>();
        for (StoredEvent event : stored) {
            Event record = first.get(event.id());
            assertThat(record.key()).isEqualTo(event.aggregateId());
            assertThat(record.value()).isEqualTo(event.payload());
            assertThat(record.header("eventbank_sequence")).isEqualTo(Long.toString(event.sequence()));
            storedSequences.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event.sequence());
        }
        Map<String, List<Long>> arrivedSequences = new HashMap<>();
        first.values().stream().sorted((a, b) -> a.partition() != b.partition()
                        ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()))
                .forEach(event -> arrivedSequences.computeIfAbsent(event.key(), id -> new ArrayList<>())
                        .add(Long.parseLong(event.header("eventbank_sequence"))));
        Map<String, List<Long>> storedNowSequences = new HashMap<>();
        storedNow.forEach(event -> storedNowSequences.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>())
                .add(event.sequence()));
        storedSequences.forEach((aggregate, sequences) -> {
            List<Long> arrived = arrivedSequences.get(aggregate);
            List<Long> all = storedNowSequences.get(aggregate).stream().sorted().toList();
            assertThat(arrived).as("the order in which %s's events arrived", aggregate)
                    .hasSizeGreaterThanOrEqualTo(sequences.size())
                    .isEqualTo(all.subList(0, Math.min(arrived.size(), all.size())));
        });
        return read;
    }
}

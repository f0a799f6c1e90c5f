package io.eventbank.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A plain Kafka consumer of the event stream, in a consumer group of its own that starts at the beginning of the
 * topic: what a service outside the pair would run. It keeps every record it read, duplicates included.
 */
public final class EventStreamReader implements AutoCloseable {

    /** One record as read: key, value as text, headers as text, and where it was in the topic. */
    public record Event(String key, String value, Map<String, String> headers, int partition, long offset) {

        public String header(String name) {
            return headers.get(name);
        }

        /** The event's id, {@code ce_id}: what consumers de-duplicate on. */
        public String id() {
            return header("ce_id");
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Event> read = new ArrayList<>();

    public EventStreamReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /**
     * Reads until {@code done} holds for every record read so far, and answers them all; fails when it does not
     * within {@code timeout}.
     */
    public List<Event> readUntil(Predicate<List<Event>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(List.copyOf(read))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the event stream did not get there within " + timeout + "; "
                        + read.size() + " records read");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), new String(header.value(), UTF_8));
                }
                read.add(new Event(record.key(), new String(record.value(), UTF_8), headers, record.partition(),
                        record.offset()));
            }
        }
        return List.copyOf(read);
    }

    /** Every record read so far. */
    public List<Event> read() {
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

package io.eventbank.command.publisher;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;

import java.util.Locale;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * An event as a Kafka record, after CloudEvents' Kafka binding (binary mode): key the aggregate id, value the payload
 * as the event store's serializer writes it, attributes in {@code ce_*} headers.
 */
final class EventRecords {

    /** The metadata a header repeats where an event carries it, by header name. */
    private static final Map<String, String> METADATA_HEADERS = Map.of(
            "eventbank_correlation_id", "correlationId",
            "eventbank_causation_id", "causationId",
            "eventbank_actor", "actor");

    /** The revision of a payload type that has none (no {@code @Revision}): its first. */
    static final String FIRST_REVISION = "0";

    private final String topic;
    private final Serializer serializer;

    EventRecords(String topic, Serializer serializer) {
        this.topic = topic;
        this.serializer = serializer;
    }

    ProducerRecord<String, byte[]> toRecord(EventMessage<?> event) {
        Object payload = event.getPayload();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : event.getIdentifier();
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", event.getIdentifier());
        add(headers, "ce_type", "io.eventbank." + payload.getClass().getSimpleName());
        add(headers, "ce_source", "urn:eventbank:" + aggregateType(event));
        add(headers, "ce_subject", aggregateId);
        add(headers, "ce_time", event.getTimestamp().toString());
        add(headers, "content-type", "application/json");
        if (event instanceof DomainEventMessage<?> domain) {
            add(headers, "eventbank_sequence", Long.toString(domain.getSequenceNumber()));
        }
        String revision = serializer.typeForClass(payload.getClass()).getRevision();
        add(headers, "eventbank_revision", revision == null ? FIRST_REVISION : revision);
        METADATA_HEADERS.forEach((header, key) -> {
            Object value = event.getMetaData().get(key);
            if (value != null) {
                add(headers, header, value.toString());
            }
        });
        byte[] value = serializer.serialize(payload, byte[].class).getData();
        return new ProducerRecord<>(topic, null, null, aggregateId, value, headers);
    }

    private static String aggregateType(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && domain.getType() != null
                ? domain.getType().toLowerCase(Locale.ROOT) : "event";
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(UTF_8));
    }
}

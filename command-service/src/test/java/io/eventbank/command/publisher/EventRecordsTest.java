package io.eventbank.command.publisher;

import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class EventRecordsTest {

    private static final UUID ACCOUNT = UUID.randomUUID();

    private final EventRecords records = new EventRecords("events", JacksonSerializer.defaultSerializer());

    @Test
    void metadataTheEventCarriesBecomesHeaders() {
        MetaData metaData = MetaData.with("correlationId", "c-1").and("causationId", "c-0").and("actor", "kim");

        Map<String, String> headers = headers(records.toRecord(deposit(metaData)));

        assertThat(headers).containsEntry("eventbank_correlation_id", "c-1")
                .containsEntry("eventbank_causation_id", "c-0")
                .containsEntry("eventbank_actor", "kim");
    }

    @Test
    void metadataTheEventLacksIsNoHeader() {
        Map<String, String> headers = headers(records.toRecord(deposit(MetaData.with("traceId", "t-1"))));

        assertThat(headers).doesNotContainKeys("eventbank_correlation_id", "eventbank_causation_id",
                "eventbank_actor", "traceId");
    }

    @Test
    void anEventCarriesItsPayloadsRevisionTypeSourceAndSequence() {
        Map<String, String> headers = headers(records.toRecord(deposit(MetaData.emptyInstance())));

        assertThat(headers).containsEntry("eventbank_revision", "1")
                .containsEntry("ce_type", "io.eventbank.MoneyDeposited")
                .containsEntry("ce_source", "urn:eventbank:account")
                .containsEntry("ce_subject", ACCOUNT.toString())
                .containsEntry("eventbank_sequence", "4");
    }

    @Test
    void aPayloadWithoutRevisionIsAtItsFirst() {
        var event = new GenericDomainEventMessage<>("Order", "o-1", 0, new Unrevised("x"));

        assertThat(headers(records.toRecord(event))).containsEntry("eventbank_revision", "0")
                .containsEntry("ce_type", "io.eventbank.Unrevised")
                .containsEntry("ce_source", "urn:eventbank:order");
    }

    @Test
    void aLaterRevisionIsCarriedAsIs() {
        var event = new GenericDomainEventMessage<>("Order", "o-1", 0, new Revised("x"));

        assertThat(headers(records.toRecord(event))).containsEntry("eventbank_revision", "2");
    }

    record Unrevised(String name) {
    }

    @Revision("2")
    record Revised(String name) {
    }

    private static GenericDomainEventMessage<MoneyDeposited> deposit(MetaData metaData) {
        return new GenericDomainEventMessage<>("Account", ACCOUNT.toString(), 4,
                new MoneyDeposited(ACCOUNT, Money.of("10.00"), Money.of("10.00")),
                metaData);
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }
}

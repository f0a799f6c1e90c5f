package io.eventbank.command.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.EventStreamReader;
import io.eventbank.testsupport.EventStreamReader.Event;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command service with the event stream on, against a KRaft broker in this JVM (spring-kafka-test 4 is KRaft only). */
@EmbeddedKafka(partitions = 4, bootstrapServersProperty = EventStreamEnabled.PROPERTY)
@TestPropertySource(properties = "eventbank.kafka.topic=events-under-test")
class EventStreamIntegrationTest extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${" + EventStreamEnabled.PROPERTY + "}")
    private String bootstrapServers;

    @Test
    void everyEventIsARecordKeyedByItsAggregateWithTheStoredPayloadAndCloudEventsHeaders() throws Exception {
        String account = http.openAccount("Kim Minji");
        http.deposit(account, "10000");
        http.withdraw(account, "2500.50");

        List<Event> events;
        try (EventStreamReader reader = new EventStreamReader(bootstrapServers, "events-under-test")) {
            events = reader.readUntil(read -> read.stream().filter(e -> account.equals(e.key())).count() >= 3,
                    Duration.ofSeconds(60)).stream().filter(e -> account.equals(e.key())).toList();
        }

        assertThat(events).extracting(e -> e.header("ce_type")).containsExactly("io.eventbank.AccountOpened",
                "io.eventbank.MoneyDeposited", "io.eventbank.MoneyWithdrawn");
        assertThat(events).extracting(Event::partition).containsOnly(events.getFirst().partition());
        List<Map<String, Object>> stored = jdbc.queryForList("SELECT event_identifier, sequence_number, time_stamp, "
                + "payload, payload_revision FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", account);
        for (int i = 0; i < 3; i++) {
            Event event = events.get(i);
            Map<String, Object> row = stored.get(i);
            assertThat(event.value()).isEqualTo(new String((byte[]) row.get("payload"), UTF_8));
            assertThat(event.headers()).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_id", (String) row.get("event_identifier"))
                    .containsEntry("ce_source", "urn:eventbank:account")
                    .containsEntry("ce_subject", account)
                    .containsEntry("content-type", "application/json")
                    .containsEntry("eventbank_sequence", String.valueOf(row.get("sequence_number")))
                    .containsEntry("eventbank_revision", (String) row.get("payload_revision"));
            assertThat(Instant.parse(event.header("ce_time"))).isEqualTo(Instant.parse((String) row.get("time_stamp")));
        }
        JsonNode deposit = JSON.readTree(events.get(1).value());
        assertThat(deposit.get("amount").isNumber()).as("money as a plain number: %s", deposit).isTrue();
        assertThat(deposit.get("amount").decimalValue()).isEqualByComparingTo("10000");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = http.get("/api/admin/publisher").json();
            assertThat(status.get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.get("lag").asLong()).isZero();
            assertThat(status.get("position").asLong()).isEqualTo(status.get("head").asLong()).isPositive();
        });
    }
}

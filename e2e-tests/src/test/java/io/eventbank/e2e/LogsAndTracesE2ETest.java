package io.eventbank.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md, "Operations": with {@code LOG_FORMAT=json} every log line is one JSON object, with the trace id and the
 * correlation id of the command it belongs to; the trace of the HTTP request goes on into the command's events (their
 * {@code traceparent}) and into their handling by the payment saga and by the query side's projection.
 */
class LogsAndTracesE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> JSON_LOGS = Map.of(
            "LOG_FORMAT", "json",
            "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_SERVLET", "DEBUG",
            "LOGGING_LEVEL_IO_EVENTBANK_AXON", "DEBUG");

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(JSON_LOGS)
            .withQueryEnvironment(JSON_LOGS);

    /** Every line after the first JSON one (the JVM may say something before logging starts), read as JSON. */
    private static List<JsonNode> logLines(ServiceProcess service) {
        try {
            List<String> lines = Files.readAllLines(service.logFile());
            int first = 0;
            while (first < lines.size() && !lines.get(first).startsWith("{")) {
                first++;
            }
            return lines.subList(first, lines.size()).stream().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("a log line that is not JSON: " + line, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<JsonNode> line(ServiceProcess service, String messagePart) {
        return logLines(service).stream().filter(line -> line.path("message").asText().contains(messagePart))
                .findFirst();
    }

    @Test
    void everyLineIsJsonWithTheTraceOfItsRequestAndTheCorrelationOfItsCommand() throws Exception {
        HttpClientSupport commands = pair.command().http();
        String account = commands.openAccount("Trace Holder");
        Response placed = commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": "
                + "[{\"productId\": \"sku-t\", \"quantity\": 1, \"unitPrice\": 10}]}");
        String order = placed.json().get("orderId").asText();

        String correlationId;
        String traceparent;
        try (Connection eventStore = pair.eventStoreConnection(); PreparedStatement statement = eventStore.prepareStatement(
                "SELECT correlation_id, convert_from(meta_data, 'UTF8')::jsonb ->> 'traceparent' FROM events "
                + "JOIN domain_event_entry ON event_identifier = id::text "
                + "WHERE aggregate_id = ?::uuid AND event_type = 'OrderPlaced'")) {
            statement.setString(1, order);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                correlationId = rows.getString(1);
                traceparent = rows.getString(2);
            }
        }
        assertThat(traceparent).as("the event's trace context").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String traceId = traceparent.substring(3, 35);

        JsonNode request = await().atMost(Duration.ofSeconds(10)).until(
                () -> line(pair.command(), "POST \"/api/orders\"").orElse(null), found -> found != null);
        assertThat(request.path("traceId").asText()).as("the request's log line").isEqualTo(traceId);

        JsonNode rejected = await().atMost(Duration.ofSeconds(30)).until(
                () -> line(pair.command(), "Order " + order + " rejected").orElse(null), found -> found != null);
        assertThat(rejected.path("level").asText()).isEqualTo("INFO");
        assertThat(rejected.path("logger_name").asText()).endsWith("OrderPaymentSaga");
        assertThat(rejected.path("@timestamp").asText()).isNotEmpty();
        assertThat(rejected.path("correlationId").asText()).as("the saga's line").isEqualTo(correlationId);
        assertThat(rejected.path("traceId").asText()).as("the saga's line").isEqualTo(traceId);

        JsonNode projected = await().atMost(Duration.ofSeconds(30)).until(
                () -> logLines(pair.query()).stream()
                        .filter(line -> line.path("message").asText().startsWith("Handling OrderPlaced"))
                        .filter(line -> line.path("correlationId").asText().equals(correlationId))
                        .findFirst().orElse(null), found -> found != null);
        assertThat(projected.path("traceId").asText()).as("the projection's line").isEqualTo(traceId);

        assertThat(logLines(pair.command())).allSatisfy(line -> {
            assertThat(line.has("@timestamp")).as(line.toString()).isTrue();
            assertThat(line.has("level")).as(line.toString()).isTrue();
            assertThat(line.has("message")).as(line.toString()).isTrue();
        });
    }
}

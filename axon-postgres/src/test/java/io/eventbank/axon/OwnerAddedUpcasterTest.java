package io.eventbank.axon;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerAddedUpcasterTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(AxonPostgresAutoConfiguration.axonObjectMapper()).build();
    private static final String OPENED = "io.eventbank.api.account.AccountOpened";
    private static final String PLACED = "io.eventbank.api.order.OrderPlaced";

    @Test
    void anOpeningOfRevisionOneBecomesRevisionTwoWithoutOwner() {
        IntermediateEventRepresentation upcast = upcast(OPENED, "1",
                "{\"accountId\":\"86d780b3-6c82-4a22-8b9c-789786203d5a\",\"holderName\":\"Kim Minji\"}");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        JsonNode payload = upcast.getData(JsonNode.class).getData();
        assertThat(payload.has("owner")).isTrue();
        assertThat(payload.get("owner").isNull()).isTrue();
        assertThat(payload.get("holderName").asText()).isEqualTo("Kim Minji");
    }

    @Test
    void aPlacementOfRevisionOneBecomesRevisionTwoWithoutOwner() {
        IntermediateEventRepresentation upcast = upcast(PLACED, "1", "{\"orderId\":\"" + UUID.randomUUID()
                + "\",\"accountId\":\"" + UUID.randomUUID() + "\",\"lines\":[],\"total\":0.00}");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(upcast.getData(JsonNode.class).getData().get("owner").isNull()).isTrue();
        assertThat(upcast.getData(JsonNode.class).getData().get("total").decimalValue()).isZero();
    }

    @Test
    void todaysShapesAndOtherEventsAreLeftAlone() {
        String today = "{\"accountId\":\"86d780b3-6c82-4a22-8b9c-789786203d5a\",\"holderName\":\"Kim\","
                + "\"owner\":\"customer-1\"}";
        IntermediateEventRepresentation current = upcast(OPENED, "2", today);
        IntermediateEventRepresentation deposit = upcast("io.eventbank.api.account.MoneyDeposited", "1",
                "{\"amount\":1.00}");

        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(current.getData(JsonNode.class).getData().get("owner").asText()).isEqualTo("customer-1");
        assertThat(deposit.getType().getRevision()).isEqualTo("1");
        assertThat(deposit.getData(JsonNode.class).getData().has("owner")).isFalse();
    }

    private static IntermediateEventRepresentation upcast(String type, String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Account", UUID.randomUUID().toString(),
                0, UUID.randomUUID().toString(), Instant.now(), type, revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new OwnerAddedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.getFirst();
    }
}

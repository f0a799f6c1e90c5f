package io.eventbank.command.account;

import io.eventbank.api.common.Money;
import io.eventbank.command.support.CommandServiceIntegrationTest;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Long streams are snapshotted, and a snapshot holds the whole state needed to go on deciding. */
@TestPropertySource(properties = "eventbank.snapshot.threshold=5")
class SnapshotIntegrationTest extends CommandServiceIntegrationTest {

    @Autowired
    private Serializer serializer;

    @Test
    void anAccountWithManyEventsIsSnapshottedAndTheSnapshotReadsBack() {
        String id = http.openAccount("Kim Minji");
        for (int i = 0; i < 12; i++) {
            assertThat(http.deposit(id, "10").status()).isEqualTo(200);
        }
        assertThat(http.withdraw(id, "20").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, id) > 0);
        Map<String, Object> snapshot = jdbc.queryForMap("SELECT sequence_number, payload, payload_type, "
                + "payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", id);
        Account account = serializer.deserialize(new SimpleSerializedObject<>((byte[]) snapshot.get("payload"),
                byte[].class, (String) snapshot.get("payload_type"), (String) snapshot.get("payload_revision")));

        long sequence = (Long) snapshot.get("sequence_number");
        Money expected = sequence <= 12 ? Money.of(10 * sequence) : Money.of(100);
        assertThat(account).extracting("balance").isEqualTo(expected);
        assertThat(account).extracting("accountId").hasToString(id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry", Long.class)).isEqualTo(1L);
    }
}

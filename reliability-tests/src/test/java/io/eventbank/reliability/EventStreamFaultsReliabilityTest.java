package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.EventStreamReader;
import io.eventbank.testsupport.KafkaBrokerProcess;
import io.eventbank.testsupport.ServiceProcess;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event stream through faults, against a broker run as a process of its own so that it can be stopped and
 * started again with its data: whatever happens, every event of the store arrives, and a record read twice is the
 * same event. Commands never wait for Kafka.
 */
class EventStreamFaultsReliabilityTest {

    private static final String TOPIC = "eventbank.events";

    private static final KafkaBrokerProcess kafka = KafkaBrokerProcess.start(
            ServiceProcess.logRoot().resolve(EventStreamFaultsReliabilityTest.class.getSimpleName() + "-kafka"));

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withQueryInstances(0)
            .withCommandEnvironment(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "KAFKA_MAX_BLOCK", "2s",
                    "KAFKA_REQUEST_TIMEOUT", "2s",
                    "KAFKA_DELIVERY_TIMEOUT", "4s"));

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void theBrokerStoppedDuringABurstOfCommandsLosesNoEvent() throws Exception {
        Workload workload = new Workload(pair.command().http(), openAccounts(4)).start(4, 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> workload.sent() >= 100);

        kafka.stop();
        int sentWhenStopped = workload.sent();
        await("commands go on without Kafka").atMost(Duration.ofSeconds(60))
                .until(() -> workload.sent() >= sentWhenStopped + 150);
        await("the outage is visible").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = pair.command().http().get("/api/admin/publisher").json();
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("RETRYING");
            assertThat(status.get("lag").asLong()).as(status.toString()).isPositive();
            assertThat(status.get("lastError").isObject()).as(status.toString()).isTrue();
        });
        kafka.start();
        List<Workload.Outcome> outcomes = workload.finish(false);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.status())
                .as("%s: %s", outcome.command(), outcome.failure()).isBetween(200, 499));
        assertEveryStoredEventArrives();
        await("caught up").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = pair.command().http().get("/api/admin/publisher").json();
            assertThat(status.get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.get("lag").asLong()).isZero();
        });
    }

    @Test
    void theCommandServiceKilledWhilePublishingLosesNoEvent() throws Exception {
        Workload workload = new Workload(pair.command().http(), openAccounts(4)).start(4, 150);
        await().atMost(Duration.ofSeconds(60)).until(() -> workload.sent() >= 200);
        await("the publisher behind the store").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> pair.command().http().get("/api/admin/publisher").json().get("lag").asLong() > 0);

        pair.command().kill();
        workload.finish(true);
        pair.command().start();

        assertEveryStoredEventArrives();
    }

    private static List<String> openAccounts(int count) {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = pair.command().http().openAccount("Holder " + i);
            pair.command().http().deposit(account, "1000");
            accounts.add(account);
        }
        return accounts;
    }

    private static void assertEveryStoredEventArrives() throws Exception {
        try (Connection eventStore = pair.eventStoreConnection();
             EventStreamReader reader = new EventStreamReader(kafka.bootstrapServers(), TOPIC)) {
            EventStreamChecks.assertEveryEventArrived(reader, eventStore,
                    Duration.ofSeconds(90));
        }
    }
}

package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.testsupport.EventStreamReader;
import io.eventbank.testsupport.EventStreamReader.Event;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's consumer: a plain Kafka consumer folds the account events of the topic into balances, de-duplicating on
 * {@code ce_id}, and gets the query service's balances for the same workload, account by account.
 */
class EventStreamConsumerReliabilityTest {

    private static final String TOPIC = "eventbank.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final EmbeddedKafkaBroker kafka = startKafka();

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString()));

    private static EmbeddedKafkaBroker startKafka() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.afterPropertiesSet();
        return broker;
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void balancesFoldedFromTheTopicEqualTheQueryServicesAccountByAccount() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(pair.command().http().openAccount("Holder " + i));
        }
        for (String account : accounts) {
            pair.command().http().deposit(account, "500");
        }
        new Workload(pair.command().http(), accounts).start(4, 100).finish(false);

        List<Event> read;
        try (Connection eventStore = pair.eventStoreConnection()) {
            await("the payment saga settled every order").atMost(Duration.ofSeconds(60))
                    .until(() -> Databases.unsettledOrders(eventStore) == 0);
        }
        try (Connection eventStore = pair.eventStoreConnection();
             EventStreamReader reader = new EventStreamReader(kafka.getBrokersAsString(), TOPIC)) {
            read = EventStreamChecks.assertEveryEventArrived(reader, eventStore,
                    Duration.ofSeconds(90));
        }
        Map<String, BigDecimal> folded = fold(read);
        pair.readSide().awaitCaughtUp(Duration.ofSeconds(90));

        assertThat(folded).hasSizeGreaterThan(accounts.size());
        Map<String, BigDecimal> queried = new TreeMap<>();
        for (String account : folded.keySet()) {
            queried.put(account, pair.readSide().get("/api/accounts/" + account).get("balance").decimalValue()
                    .setScale(2));
        }
        folded.replaceAll((account, balance) -> balance.setScale(2));
        assertThat(folded).isEqualTo(queried);
    }

    /** The seed's {@code projectAccount}: every account's balance from its events, each event once. */
    private static Map<String, BigDecimal> fold(List<Event> records) {
        Set<String> seen = new HashSet<>();
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (Event record : records) {
            if (!seen.add(record.id())) {
                continue;
            }
            JsonNode event = json(record.value());
            String account = record.key();
            switch (record.header("ce_type")) {
                case "io.eventbank.AccountOpened" -> balances.put(account, BigDecimal.ZERO);
                case "io.eventbank.MoneyDeposited", "io.eventbank.AccountRefundedForOrder" ->
                        balances.merge(account, event.get("amount").decimalValue(), BigDecimal::add);
                case "io.eventbank.MoneyWithdrawn", "io.eventbank.AccountChargedForOrder" ->
                        balances.merge(account, event.get("amount").decimalValue().negate(), BigDecimal::add);
                default -> {
                }
            }
        }
        return balances;
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

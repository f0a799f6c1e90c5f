package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.reliability.Workload.Outcome;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away under load: both services reach it through a {@link TcpProxy}, clients keep sending commands,
 * and the proxy drops every connection and refuses new ones while the clients collect a few dozen refusals.
 * Meanwhile the command service answers 503 problem+json, never another 5xx and never no answer. A request in
 * flight at the moment of the cut may have committed although it was answered 503; a trigger makes every commit
 * take 100 ms, so that the cut finds commits on the wire. The clients send every command with an
 * {@code Idempotency-Key} and retry every 503 with the same key, as API.md asks of them: afterwards every command
 * has exactly one answer that counts and exactly as many events as that answer says (one for a 2xx, none
 * otherwise), never two accounts or orders for one intended create. Once connections go through again, both
 * services recover by themselves, without a restart: commands succeed, the payment saga settles every order, the
 * projections catch up and the read models reconcile with the events.
 */
class DatabaseOutageReliabilityTest {

    private static final int CLIENTS = 4;
    private static final int ACCOUNTS = 6;
    private static final int REFUSALS_DURING_OUTAGE = 20;
    private static final String FAST_FAILING_POOLS = """
            {"spring.datasource.hikari.connection-timeout": 1000,
             "spring.datasource.hikari.validation-timeout": 500,
             "eventstore.datasource.hikari.connection-timeout": 1000,
             "eventstore.datasource.hikari.validation-timeout": 500}""";

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .throughProxy()
            .withEnvironment(Map.of("SPRING_APPLICATION_JSON", FAST_FAILING_POOLS))
            .withCommandEnvironment(Map.of("DB_POOL_SIZE", "8"));

    @Test
    void commandsAre503DuringTheOutageAndBothServicesRecoverByThemselves() throws Exception {
        HttpClientSupport commands = pair.command().http();
        ReadSide reads = pair.readSide();
        TcpProxy proxy = pair.proxy();
        List<String> accounts = Workload.openAccounts(commands, ACCOUNTS);
        reads.awaitCaughtUp(Duration.ofSeconds(60));
        try (Connection eventStore = pair.eventStoreConnection()) {
            Databases.slowCommits(eventStore);
        }

        Workload workload = new Workload(commands, accounts).retryingWithKeys().start(CLIENTS, Integer.MAX_VALUE);
        await("clients under way").atMost(Duration.ofSeconds(60)).until(() -> workload.sent() >= 40);
        long cutAt = System.nanoTime();
        proxy.cut();
        await("refusals during the outage").atMost(Duration.ofSeconds(60))
                .failFast("a 5xx other than 503, or no answer", () -> unexpectedFailure(workload))
                .until(() -> workload.outcomes().stream()
                        .filter(o -> o.startedNanos() > cutAt && o.status() == 503).count() >= REFUSALS_DURING_OUTAGE);
        long restoredAt = System.nanoTime();
        proxy.restore();
        await("commands succeed again").atMost(Duration.ofSeconds(60))
                .failFast("a 5xx other than 503, or no answer", () -> unexpectedFailure(workload))
                .until(() -> workload.outcomes().stream()
                        .filter(o -> o.startedNanos() > restoredAt && o.succeeded()).count() >= 40);
        List<Outcome> outcomes = workload.finish(true);

        assertThat(pair.command().isAlive()).as("command service not restarted").isTrue();
        assertThat(pair.query().isAlive()).as("query service not restarted").isTrue();
        Map<Integer, Long> statuses = Workload.statuses(outcomes);
        assertThat(outcomes.stream().filter(o -> o.status() == -1)).as("requests without an answer").isEmpty();
        assertThat(statuses.keySet()).as("statuses " + statuses).isSubsetOf(200, 201, 409, 422, 503);
        assertThat(outcomes.stream().filter(o -> o.status() == 503)).allSatisfy(refused -> {
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemType()).isEqualTo("urn:problem:unavailable");
            assertThat(refused.retryAfter()).isEqualTo("1");
        });

        List<Outcome> intents = workload.intents();
        assertThat(intents).as("commands left without a definite answer").noneMatch(Outcome::inDoubt);
        long retried = intents.stream().filter(intent -> intent.attempt() > 1).count();
        long eventsChecked;
        try (Connection eventStore = pair.eventStoreConnection()) {
            Map<String, Long> stored = Workload.storedEvents(eventStore);
            eventsChecked = Workload.assertOneEventPerSuccess(intents, stored);
            assertThat(Databases.number(eventStore, "SELECT count(*) FROM events "
                    + "WHERE (event_data->>'balanceAfter')::numeric < 0")).as("negative balances").isZero();
            await("the payment saga settles every order").atMost(Duration.ofSeconds(90))
                    .until(() -> Databases.unsettledOrders(eventStore) == 0);
        }

        reads.awaitCaughtUp(Duration.ofSeconds(90));
        JsonNode reconciliation = reads.awaitConsistent(Duration.ofSeconds(60));
        try (Connection eventStore = pair.eventStoreConnection(); Connection readModel = pair.readModelConnection()) {
            assertThat(Databases.ledgerEntries(readModel)).isEqualTo(Databases.balanceChanges(eventStore));
            assertThat(Databases.readModelBalances(readModel)).isEqualTo(Databases.balancesFromEvents(eventStore));
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", CLIENTS);
        figures.put("commands", intents.size());
        figures.put("attempts", outcomes.size());
        figures.put("statuses", statuses);
        figures.put("faultsInjected", 1);
        figures.put("refusedDuringOutage", outcomes.stream().filter(o -> o.status() == 503).count());
        figures.put("outageSeconds", Math.round((restoredAt - cutAt) / 1e8) / 10.0);
        figures.put("otherServerErrors", 0);
        figures.put("unanswered", 0);
        figures.put("workloadEventsChecked", eventsChecked);
        figures.put("retriedCommands", retried);
        figures.put("attemptsPerCommandMax", intents.stream().mapToInt(Outcome::attempt).max().orElse(0));
        figures.put("eventsWithoutRequest", 0);
        figures.put("eventsChecked", reconciliation.get("eventsChecked").asLong());
        figures.put("mismatches", reconciliation.get("mismatchCount").asLong());
        figures.put("restarts", 0);
        Report.write("database-outage", figures);
    }

    private static boolean unexpectedFailure(Workload workload) {
        return workload.outcomes().stream().anyMatch(o -> o.status() == -1 || o.status() >= 500 && o.status() != 503);
    }
}

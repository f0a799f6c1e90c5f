package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.reliability.Workload.Outcome;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command service is killed with SIGKILL under load, while commits are on the wire (a trigger makes each commit
 * take 100 ms), and started again. Its clients send every command with an {@code Idempotency-Key} and send it again,
 * with the same key, after a 503 or when no answer came, until a definite answer comes (API.md, "Retry-safe
 * commands"). A command whose events committed in the killed process is answered from its stored answer, not run
 * again: afterwards every command has as many events as its last answer says, exactly one account or order for each
 * intended create, and the read side reconciles with the events.
 */
class CommandServiceCrashReliabilityTest {

    private static final int CLIENTS = 4;
    private static final int COMMANDS_PER_CLIENT = 60;
    private static final int ACCOUNTS = 6;

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(Map.of("DB_POOL_SIZE", "8"));

    @Test
    void retriesWithTheSameKeyAfterACrashRunEveryCommandOnce() throws Exception {
        HttpClientSupport commands = pair.command().http();
        ReadSide reads = pair.readSide();
        List<String> accounts = Workload.openAccounts(commands, ACCOUNTS);
        try (Connection eventStore = pair.eventStoreConnection()) {
            Databases.slowCommits(eventStore);
        }

        Workload workload = new Workload(commands, accounts).retryingWithKeys().start(CLIENTS, COMMANDS_PER_CLIENT);
        await("clients under way").atMost(Duration.ofSeconds(60)).until(() -> workload.sent() >= 40);
        pair.command().kill();
        long killedAt = System.nanoTime();
        Instant killedAtInstant = Instant.now();
        pair.command().start();
        List<Outcome> attempts = workload.finish(false);
        List<Outcome> intents = workload.intents();

        assertThat(intents).as("commands left without a definite answer").noneMatch(Outcome::inDoubt);
        assertThat(Workload.statuses(intents).keySet()).as("last answers").isSubsetOf(200, 201, 409, 422);
        assertThat(attempts).as("attempts cut off by the kill").anyMatch(attempt -> attempt.status() == -1);
        long eventsChecked;
        long committedBeforeTheKill;
        long opened;
        long placed;
        try (Connection eventStore = pair.eventStoreConnection()) {
            Map<String, Long> stored = Workload.storedEvents(eventStore);
            eventsChecked = Workload.assertOneEventPerSuccess(intents, stored);
            Map<String, List<Instant>> storedAt = Workload.storedEventTimes(eventStore);
            committedBeforeTheKill = intents.stream()
                    .filter(intent -> intent.attempt() > 1 && intent.succeeded())
                    .filter(intent -> storedAt.get(intent.eventKey()).getFirst().isBefore(killedAtInstant))
                    .count();
            opened = intents.stream().filter(i -> i.command().equals("open") && i.succeeded()).count();
            placed = intents.stream().filter(i -> i.command().equals("order") && i.succeeded()).count();
            assertThat(Databases.number(eventStore, "SELECT count(*) FROM events WHERE event_type = 'AccountOpened'"))
                    .as("one account per account opened").isEqualTo(ACCOUNTS + opened);
            assertThat(Databases.number(eventStore, "SELECT count(*) FROM events WHERE event_type = 'OrderPlaced'"))
                    .as("one order per order placed").isEqualTo(placed);
            await("the payment saga settles every order").atMost(Duration.ofSeconds(90))
                    .until(() -> Databases.unsettledOrders(eventStore) == 0);
        }

        reads.awaitCaughtUp(Duration.ofSeconds(90));
        JsonNode reconciliation = reads.awaitConsistent(Duration.ofSeconds(60));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", CLIENTS);
        figures.put("commands", intents.size());
        figures.put("attempts", attempts.size());
        figures.put("statuses", Workload.statuses(intents));
        figures.put("faultsInjected", 1);
        figures.put("unansweredAttempts", attempts.stream().filter(a -> a.status() == -1).count());
        figures.put("attemptsAfterTheKill", attempts.stream().filter(a -> a.startedNanos() > killedAt).count());
        figures.put("retriedCommands", intents.stream().filter(i -> i.attempt() > 1).count());
        figures.put("retriedCommandsCommittedBeforeTheKill", committedBeforeTheKill);
        figures.put("accountsOpened", opened);
        figures.put("ordersPlaced", placed);
        figures.put("workloadEventsChecked", eventsChecked);
        figures.put("doubled", 0);
        figures.put("eventsChecked", reconciliation.get("eventsChecked").asLong());
        figures.put("mismatches", reconciliation.get("mismatchCount").asLong());
        Report.write("command-service-crash", figures);
    }
}

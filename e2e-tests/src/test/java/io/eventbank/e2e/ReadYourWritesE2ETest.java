package io.eventbank.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes across replicas: two query services on one read model behind one address (each client
 * alternating between them, as a round-robin proxy would), and 200 commands from concurrent clients, each followed
 * at once by a read naming its Event-Position. Not one answer is stale, whichever replica serves it and whichever
 * replica's processors hold the segment of the account.
 */
class ReadYourWritesE2ETest {

    private static final int CLIENTS = 4;
    private static final int COMMANDS_PER_CLIENT = 50;

    /**
     * The replicas read the event store every 250 ms and are not woken in between, so the read models lag each
     * command by a few hundred milliseconds: a read that did not wait for the position would be stale.
     */
    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withEnvironment(Map.of("DB_POOL_SIZE", "3"))
            .withQueryEnvironment(Map.of("PROJECTION_FETCH_DELAY", "250ms", "PROJECTION_WAKE_ON_FETCH", "false"))
            .withQueryInstances(2);

    private final AtomicInteger notYetConsistent = new AtomicInteger();

    @Test
    void everyReadAfterACommandSeesIt() throws Exception {
        List<HttpClientSupport> replicas = List.of(pair.query(0).http(), pair.query(1).http());
        List<Future<List<String>>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int client = 0; client < CLIENTS; client++) {
                int number = client;
                clients.add(pool.submit(() -> readOwnWrites(number, replicas)));
            }
        }
        List<String> stale = new ArrayList<>();
        for (Future<List<String>> client : clients) {
            stale.addAll(client.get());
        }
        assertThat(stale).as("stale answers (and %d answers 503 not-yet-consistent, tried again)",
                notYetConsistent.get()).isEmpty();
    }

    /** One client: deposits to an account of its own, each followed by a read of it or of the list. */
    private List<String> readOwnWrites(int client, List<HttpClientSupport> replicas) throws InterruptedException {
        HttpClientSupport commands = pair.command().http();
        String account = commands.openAccount("Reader " + client);
        List<String> stale = new ArrayList<>();
        for (int command = 0; command < COMMANDS_PER_CLIENT; command++) {
            Response deposited = commands.deposit(account, "1");
            assertThat(deposited.status()).as(deposited.body()).isEqualTo(200);
            long version = deposited.json().get("version").asLong();
            String position = deposited.header("Event-Position");
            assertThat(position).as("Event-Position of " + deposited).isNotNull();
            int replica = (client + command) % replicas.size();
            boolean list = command % 10 == 9;
            String path = list ? "/api/accounts?size=100" : "/api/accounts/" + account;

            Response read = replicas.get(replica).get(path, "Min-Event-Position", position);
            // a machine too busy to project within the wait answers 503: a client tries again after Retry-After
            for (int retry = 0; read.status() == 503 && retry < 10; retry++) {
                notYetConsistent.incrementAndGet();
                Thread.sleep(1000L * Long.parseLong(read.header("Retry-After")));
                read = replicas.get(replica).get(path, "Min-Event-Position", position);
            }

            assertThat(read.status()).as(read.body()).isEqualTo(200);
            long seen = list ? versionInList(read.json(), account) : read.json().get("version").asLong();
            if (seen != version) {
                stale.add("account " + account + ", command " + command + " on replica " + replica + ": version "
                          + seen + " instead of " + version + " at position " + position);
            }
        }
        return stale;
    }

    private static long versionInList(JsonNode page, String account) {
        for (JsonNode summary : page.get("content")) {
            if (summary.get("accountId").asText().equals(account)) {
                return summary.get("version").asLong();
            }
        }
        return -1;
    }
}

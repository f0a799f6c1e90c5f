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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes across replicas: two query services on one read model behind one address (a client alternating
 * between them, as a round-robin proxy would), and every command followed at once by a read naming its
 * Event-Position. Not one answer is stale, whichever replica serves it and whichever replica's processors hold the
 * segment of the account.
 */
class ReadYourWritesE2ETest {

    private static final int COMMANDS = 200;

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withEnvironment(Map.of("DB_POOL_SIZE", "3"))
            .withQueryInstances(2);

    @Test
    void everyReadAfterACommandSeesIt() throws InterruptedException {
        HttpClientSupport commands = pair.command().http();
        List<HttpClientSupport> replicas = List.of(pair.query(0).http(), pair.query(1).http());
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(commands.openAccount("Reader " + i));
        }
        List<String> stale = new ArrayList<>();
        int notYetConsistent = 0;
        for (int command = 0; command < COMMANDS; command++) {
            String account = accounts.get(command % accounts.size());
            Response deposited = commands.deposit(account, "1");
            assertThat(deposited.status()).as(deposited.body()).isEqualTo(200);
            long version = deposited.json().get("version").asLong();
            String position = deposited.header("Event-Position");
            assertThat(position).as("Event-Position of " + deposited).isNotNull();
            HttpClientSupport replica = replicas.get(command % replicas.size());

            String path = command % 10 == 9 ? "/api/accounts?size=100" : "/api/accounts/" + account;

            Response read = replica.get(path, "Min-Event-Position", position);
            // a machine too busy to project within the wait answers 503: a client tries again after Retry-After
            for (int retry = 0; read.status() == 503 && retry < 10; retry++) {
                notYetConsistent++;
                Thread.sleep(1000L * Long.parseLong(read.header("Retry-After")));
                read = replica.get(path, "Min-Event-Position", position);
            }

            assertThat(read.status()).as(read.body()).isEqualTo(200);
            long seen = command % 10 == 9 ? versionInList(read.json(), account) : read.json().get("version").asLong();
            if (seen != version) {
                stale.add("command " + command + " on replica " + command % replicas.size() + ": version " + seen
                          + " instead of " + version + " at position " + position);
            }
        }
        assertThat(stale).as("stale answers (and %d answers 503 not-yet-consistent, tried again)", notYetConsistent)
                .isEmpty();
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

package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay with two query replicas: the projection is rebuilt in its idle slot while both replicas keep answering
 * from the live read model (no known account ever 404s, no list total ever drops), until the rebuilt slot has caught
 * up and the read model switches to it; the rows afterwards are the rows before, and the reconciliation agrees.
 * Inserts into the rebuilt slot are slowed down, so that the rebuild lasts long enough to be watched.
 */
class BlueGreenReplayReliabilityTest {

    private static final List<String> PROJECTIONS = List.of("accounts", "orders");

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair().withQueryInstances(2);

    @Test
    void bothReplicasServeTheLiveReadModelUntilTheRebuiltOneTakesOver() throws Exception {
        HttpClientSupport commands = pair.command().http();
        List<ReadSide> replicas = List.of(new ReadSide(pair.query(0).http()), new ReadSide(pair.query(1).http()));
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String account = commands.openAccount("Holder " + i);
            assertThat(commands.deposit(account, "5000").status()).isEqualTo(200);
            accounts.add(account);
        }
        new Workload(commands, accounts).start(2, 40).finish(false);
        await("the payment saga settles every order").atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection eventStore = pair.eventStoreConnection()) {
                return Databases.unsettledOrders(eventStore) == 0;
            }
        });
        for (ReadSide replica : replicas) {
            replica.awaitCaughtUp(Duration.ofSeconds(60));
        }
        replicas.getFirst().awaitConsistent(Duration.ofSeconds(60));
        Map<String, List<String>> before = dump();
        Map<String, Long> totals = totals(replicas.getFirst());
        Map<String, String> slotsBefore = activeSlots(replicas.getFirst());

        holdBackTheIdleSlots(slotsBefore, true);
        int polls = 0;
        try {
            for (String projection : PROJECTIONS) {
                Response replay = pair.query(1).http().post("/api/admin/projections/" + projection + "/replay", null);
                assertThat(replay.status()).as(replay.body()).isEqualTo(202);
                assertThat(replay.json().get("replaying").asBoolean()).isTrue();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!switched(activeSlots(replicas.getFirst()), slotsBefore)) {
                assertThat(System.nanoTime()).as("the rebuilt slots take over in time").isLessThan(deadline);
                for (ReadSide replica : replicas) {
                    for (String account : accounts) {
                        assertThat(replica.get("/api/accounts/" + account).get("accountId").asText())
                                .isEqualTo(account);
                    }
                    totals(replica).forEach((list, total) -> assertThat(total).as(list + " during the rebuild")
                            .isGreaterThanOrEqualTo(totals.get(list)));
                }
                polls++;
            }
        } finally {
            holdBackTheIdleSlots(slotsBefore, false);
        }
        assertThat(polls).as("polls of both replicas while the idle slots were rebuilt").isGreaterThan(5);

        for (ReadSide replica : replicas) {
            replica.awaitCaughtUp(Duration.ofSeconds(60));
            assertThat(activeSlots(replica)).isEqualTo(activeSlots(replicas.getFirst()));
        }
        Map<String, List<String>> after = dump();
        before.forEach((table, rows) -> assertThat(after.get(table)).as(table + " after the switch")
                .containsExactlyElementsOf(rows));
        JsonNode reconciliation = replicas.get(1).awaitConsistent(Duration.ofSeconds(60));
        await("every replica shut the old slots' processors down").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    try (Connection readModel = pair.readModelConnection()) {
                        assertThat(Databases.number(readModel, "SELECT count(*) FROM token_entry WHERE owner IS NOT "
                                + "NULL AND processor_name IN ('accounts-" + slotsBefore.get("accounts")
                                + "', 'orders-" + slotsBefore.get("orders") + "')")).isZero();
                    }
                });

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("queryReplicas", replicas.size());
        figures.put("pollsDuringRebuild", polls);
        figures.put("rowsCompared", 2 * before.values().stream().mapToInt(List::size).sum());
        figures.put("eventsChecked", reconciliation.get("eventsChecked").asLong());
        figures.put("mismatches", reconciliation.get("mismatchCount").asLong());
        Report.write("blue-green-replay", figures);
    }

    /** Every insert statement into the summaries of the slots that are not active waits a second. */
    private static void holdBackTheIdleSlots(Map<String, String> activeSlots, boolean hold) throws Exception {
        Map<String, String> tables = Map.of("accounts", "account_summary", "orders", "order_summary");
        try (Connection readModel = pair.readModelConnection(); Statement statement = readModel.createStatement()) {
            if (hold) {
                statement.execute("CREATE FUNCTION hold_back() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$");
            }
            for (String projection : PROJECTIONS) {
                String table = projection + "_" + ("blue".equals(activeSlots.get(projection)) ? "green" : "blue")
                        + "." + tables.get(projection);
                statement.execute(hold ? "CREATE TRIGGER hold_back BEFORE INSERT ON " + table
                        + " FOR EACH STATEMENT EXECUTE FUNCTION hold_back()" : "DROP TRIGGER hold_back ON " + table);
            }
            if (!hold) {
                statement.execute("DROP FUNCTION hold_back()");
            }
        }
    }

    private static Map<String, String> activeSlots(ReadSide replica) {
        Map<String, String> slots = new LinkedHashMap<>();
        for (JsonNode projection : replica.get("/api/admin/projections")) {
            slots.put(projection.get("name").asText(), projection.get("activeSlot").asText());
        }
        return slots;
    }

    private static boolean switched(Map<String, String> now, Map<String, String> before) {
        return PROJECTIONS.stream().noneMatch(projection -> now.get(projection).equals(before.get(projection)));
    }

    private static Map<String, Long> totals(ReadSide replica) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String list : List.of("/api/accounts", "/api/orders")) {
            totals.put(list, replica.get(list + "?size=1").get("page").get("totalElements").asLong());
        }
        return totals;
    }

    private static Map<String, List<String>> dump() throws Exception {
        try (Connection readModel = pair.readModelConnection()) {
            return Databases.readModelDump(readModel);
        }
    }
}

package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay rebuilds every read-model table byte for byte: after a workload that reaches every event type, the rows of
 * each table as PostgreSQL renders them as text are the same before and after replaying every projection, and the
 * same again in a read model that a new query-service instance builds from nothing.
 */
class ReplayEquivalenceReliabilityTest {

    private static final int CLIENTS = 3;
    private static final int COMMANDS_PER_CLIENT = 50;
    private static final List<String> PROJECTIONS = List.of("accounts", "orders");

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair();

    @Test
    void replayedAndFreshlyBuiltReadModelsAreByteForByteTheSame() throws Exception {
        HttpClientSupport commands = pair.command().http();
        ReadSide reads = pair.readSide();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String account = commands.openAccount("Holder " + i);
            assertThat(commands.deposit(account, "5000").status()).isEqualTo(200);
            accounts.add(account);
        }
        int workloadCommands = new Workload(commands, accounts).start(CLIENTS, COMMANDS_PER_CLIENT).finish(false).size();
        everyOrderFate(commands, reads, accounts.getFirst());
        await("the payment saga settles every order").atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection eventStore = pair.eventStoreConnection()) {
                return Databases.unsettledOrders(eventStore) == 0;
            }
        });
        reads.awaitCaughtUp(Duration.ofSeconds(60));
        reads.awaitConsistent(Duration.ofSeconds(60));
        Map<String, List<String>> before = dump(pair.readModel());

        for (String projection : PROJECTIONS) {
            Response replay = pair.query().http().post("/api/admin/projections/" + projection + "/replay", null);
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        }
        reads.awaitCaughtUp(Duration.ofSeconds(90));
        JsonNode reconciliation = reads.awaitConsistent(Duration.ofSeconds(60));
        assertSameRows(dump(pair.readModel()), before, "after a replay");

        String freshDatabase = pair.newDatabase();
        ServiceProcess fresh = pair.newQueryService(Map.of("SPRING_DATASOURCE_URL",
                pair.serviceJdbcUrl(freshDatabase))).start();
        new ReadSide(fresh.http()).awaitCaughtUp(Duration.ofSeconds(90));
        assertSameRows(dump(freshDatabase), before, "built from nothing");

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", CLIENTS);
        figures.put("commands", workloadCommands);
        figures.put("projectionsReplayed", PROJECTIONS.size());
        figures.put("eventsChecked", reconciliation.get("eventsChecked").asLong());
        Map<String, Object> tables = new LinkedHashMap<>();
        before.forEach((table, rows) -> tables.put(table, Map.of("rows", rows.size(), "md5", md5(rows))));
        figures.put("tables", tables);
        figures.put("rowsCompared", 2 * before.values().stream().mapToInt(List::size).sum());
        figures.put("differingRows", 0);
        figures.put("mismatches", reconciliation.get("mismatchCount").asLong());
        Report.write("replay-equivalence", figures);
    }

    /**
     * Orders that end each way: paid and shipped, paid and cancelled (refunded), rejected for want of funds, for a
     * closed account and for an unknown one; and an account closed at zero.
     */
    private static void everyOrderFate(HttpClientSupport commands, ReadSide reads, String payer) {
        String shipped = placeOrder(commands, payer, "10.00");
        String cancelled = placeOrder(commands, payer, "20.00");
        awaitStatus(reads, shipped, "PAID");
        awaitStatus(reads, cancelled, "PAID");
        assertThat(commands.post("/api/orders/" + shipped + "/ship", null).status()).isEqualTo(200);
        assertThat(commands.post("/api/orders/" + cancelled + "/cancel", null).status()).isEqualTo(200);
        placeOrder(commands, payer, "999999.00");
        String closed = commands.openAccount("Closing Holder");
        assertThat(commands.deposit(closed, "1.50").status()).isEqualTo(200);
        assertThat(commands.withdraw(closed, "1.50").status()).isEqualTo(200);
        assertThat(commands.post("/api/accounts/" + closed + "/close", null).status()).isEqualTo(200);
        placeOrder(commands, closed, "1.00");
        assertThat(commands.post("/api/orders", "{\"accountId\": \"" + UUID.randomUUID() + "\", \"items\": ["
                + "{\"productId\": \"sku-a\", \"quantity\": 1, \"unitPrice\": 1.00}]}").status()).isEqualTo(404);
    }

    private static String placeOrder(HttpClientSupport commands, String account, String price) {
        Response placed = commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": ["
                + "{\"productId\": \"sku-a\", \"quantity\": 2, \"unitPrice\": " + price + "}, "
                + "{\"productId\": \"sku-b\", \"quantity\": 1, \"unitPrice\": 0.01}]}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("orderId").asText();
    }

    private static void awaitStatus(ReadSide reads, String order, String status) {
        await("order " + order + " " + status).atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(reads.get("/api/orders/" + order).get("status").asText()).isEqualTo(status));
    }

    /** Table by table, so that a difference names its table and rows. */
    private static void assertSameRows(Map<String, List<String>> actual, Map<String, List<String>> expected,
                                       String how) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as(table + " " + how)
                .containsExactlyElementsOf(rows));
    }

    private static Map<String, List<String>> dump(String database) throws Exception {
        try (Connection connection = pair.connection(database)) {
            return Databases.readModelDump(connection);
        }
    }

    private static String md5(List<String> rows) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(String.join("\n", rows).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.reliability.Workload.Outcome;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query service is killed with SIGKILL while it commits a batch of a burst of commands (batches of up to 100
 * events; a trigger slows each ledger insert so that the kill lands inside a batch's transaction, after some of its
 * rows were written). Restarted, it must end with every read-model row the events call for, exactly once: its token
 * commits with the rows, so the interrupted batch is rolled back and handled again as a whole.
 */
class QueryServiceCrashReliabilityTest {

    private static final int CLIENTS = 4;
    private static final int COMMANDS_PER_CLIENT = 120;
    private static final int ACCOUNTS = 8;
    private static final int BATCH_SIZE = 100;

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(Map.of("DB_POOL_SIZE", "8"))
            .withQueryEnvironment(Map.of("PROJECTION_BATCH_SIZE", String.valueOf(BATCH_SIZE)));

    @Test
    void killedInsideABatchTheQueryServiceRestartsWithNothingLostOrDoubled() throws Exception {
        HttpClientSupport commands = pair.command().http();
        ReadSide reads = pair.readSide();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String account = commands.openAccount("Holder " + i);
            assertThat(commands.deposit(account, "1000").status()).isEqualTo(200);
            accounts.add(account);
        }
        reads.awaitCaughtUp(Duration.ofSeconds(60));

        long lagAtKill;
        Workload workload;
        try (Connection readModel = pair.readModelConnection(); Statement statement = readModel.createStatement()) {
            statement.execute("""
                    CREATE FUNCTION slow_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END $$""");
            statement.execute("CREATE TRIGGER slow_ledger BEFORE INSERT ON accounts_blue.account_ledger_entry "
                    + "FOR EACH ROW EXECUTE FUNCTION slow_ledger()");
            workload = new Workload(commands, accounts).start(CLIENTS, COMMANDS_PER_CLIENT);
            await("a batch of the burst half written").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> workload.sent() >= CLIENTS * COMMANDS_PER_CLIENT / 4
                                 && ledgerInsertInFlight(readModel) >= 1);
            lagAtKill = accountsLag(pair.query().http());
            pair.query().kill();
            statement.execute("DROP TRIGGER slow_ledger ON accounts_blue.account_ledger_entry");
            statement.execute("DROP FUNCTION slow_ledger()");
        }
        List<Outcome> outcomes = workload.finish(false);
        assertThat(Workload.statuses(outcomes).keySet()).as("statuses").isSubsetOf(200, 201, 409, 422);

        pair.query().start();
        reads.awaitCaughtUp(Duration.ofSeconds(90));
        JsonNode reconciliation = reads.awaitConsistent(Duration.ofSeconds(60));

        Set<String> ledger;
        try (Connection eventStore = pair.eventStoreConnection(); Connection readModel = pair.readModelConnection()) {
            ledger = Databases.ledgerEntries(readModel);
            assertThat(ledger).as("ledger entries = balance-changing events, none doubled or missing")
                    .isEqualTo(Databases.balanceChanges(eventStore));
            assertThat(Databases.readModelBalances(readModel)).as("balances = sums of the events")
                    .isEqualTo(Databases.balancesFromEvents(eventStore));
            assertThat(Databases.number(readModel, "SELECT count(*) FROM order_summary"))
                    .as("one order row per OrderPlaced")
                    .isEqualTo(Databases.number(eventStore, "SELECT count(*) FROM events WHERE event_type = 'OrderPlaced'"));
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", CLIENTS);
        figures.put("commands", outcomes.size());
        figures.put("statuses", Workload.statuses(outcomes));
        figures.put("batchSize", BATCH_SIZE);
        figures.put("faultsInjected", 1);
        figures.put("accountsLagAtKill", lagAtKill);
        figures.put("eventsChecked", reconciliation.get("eventsChecked").asLong());
        figures.put("accountsChecked", reconciliation.get("accountsChecked").asLong());
        figures.put("ordersChecked", reconciliation.get("ordersChecked").asLong());
        figures.put("ledgerEntriesChecked", ledger.size());
        figures.put("mismatches", reconciliation.get("mismatchCount").asLong());
        figures.put("lost", 0);
        figures.put("doubled", 0);
        Report.write("query-service-crash", figures);
    }

    /** Statements of the query service inserting ledger rows right now, inside a batch's transaction. */
    private static long ledgerInsertInFlight(Connection readModel) throws SQLException {
        try (PreparedStatement statement = readModel.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = ? AND state = 'active' AND pid <> pg_backend_pid()
                  AND query ILIKE 'insert into accounts_blue.account_ledger_entry%'""")) {
            statement.setString(1, pair.readModel());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long accountsLag(HttpClientSupport query) {
        for (JsonNode projection : query.get("/api/admin/projections").json()) {
            if (projection.get("name").asText().equals("accounts")) {
                return projection.get("lag").asLong();
            }
        }
        throw new IllegalStateException("no accounts projection");
    }
}

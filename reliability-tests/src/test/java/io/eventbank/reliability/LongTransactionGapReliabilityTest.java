package io.eventbank.reliability;

import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An append transaction is held open longer than the read side's gap timeout while other appends commit after it.
 * <p>
 * A trigger makes the insert of the payment saga's charge stall after it took its {@code global_index}. Deposits
 * meanwhile commit later indexes, and the query side, with a 3 s gap timeout and gaps cleaned eagerly here (as they
 * are under load), gives up on the missing one: had the stalled transaction committed late, the charge would never
 * reach the read models. The command service's statement timeout (1 s here, below the gap timeout) makes
 * PostgreSQL abort the stalled append instead; the saga retries, and once the stall is gone its events, appended
 * anew, reach the read models.
 */
class LongTransactionGapReliabilityTest {

    private static final Duration HELD = Duration.ofSeconds(6);

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(Map.of("EVENTSTORE_STATEMENT_TIMEOUT", "1s", "EVENTSTORE_IDLE_TX_TIMEOUT", "1s"))
            .withQueryEnvironment(Map.of("PROJECTION_GAP_TIMEOUT", "3s", "PROJECTION_GAP_CLEANING_THRESHOLD", "1"));

    @Test
    void anAppendHeldOpenPastTheGapTimeoutStillReachesTheReadModels() throws Exception {
        HttpClientSupport commands = pair.command().http();
        HttpClientSupport queries = pair.query().http();
        String account = commands.openAccount("Kim Minji");
        commands.deposit(account, "100");
        String other = commands.openAccount("Lee Joon");

        String order;
        long depositsDuringHold = 0;
        try (Connection admin = pair.eventStoreConnection(); Statement statement = admin.createStatement()) {
            statement.execute("""
                    CREATE FUNCTION stall_charges() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.payload_type LIKE '%AccountChargedForOrder' OR NEW.payload_type LIKE '%OrderPaid' THEN
                            PERFORM pg_sleep(4);
                        END IF;
                        RETURN NEW;
                    END $$""");
            statement.execute("CREATE TRIGGER stall_charges BEFORE INSERT ON domain_event_entry "
                    + "FOR EACH ROW EXECUTE FUNCTION stall_charges()");
            Response placed = commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": "
                    + "[{\"productId\": \"sku-1\", \"quantity\": 1, \"unitPrice\": 40}]}");
            assertThat(placed.status()).isEqualTo(201);
            order = placed.json().get("orderId").asText();
            Instant until = Instant.now().plus(HELD);
            while (Instant.now().isBefore(until)) {
                assertThat(commands.deposit(other, "1").status()).isEqualTo(200);
                depositsDuringHold++;
            }
            statement.execute("DROP TRIGGER stall_charges ON domain_event_entry");
            statement.execute("DROP FUNCTION stall_charges()");
        }

        String orderId = order;
        await("the order paid on the read side").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(queries.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("PAID"));
        long deposits = depositsDuringHold;
        await("both accounts complete on the read side").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(queries.get("/api/accounts/" + account).json().get("balance").decimalValue())
                    .isEqualByComparingTo("60");
            assertThat(queries.get("/api/accounts/" + other).json().get("balance").decimalValue())
                    .isEqualByComparingTo(String.valueOf(deposits));
        });
        long gaps;
        try (Connection connection = pair.eventStoreConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(global_index) - count(*) FROM domain_event_entry")) {
            rows.next();
            gaps = rows.getLong(1);
        }
        assertThat(gaps).as("aborted appends left holes in global_index").isPositive();
        Report.write("long-transaction-gap", Map.of("gapTimeoutSeconds", 3, "statementTimeoutSeconds", 1,
                "heldSeconds", HELD.toSeconds(), "commitsWhileHeld", depositsDuringHold,
                "globalIndexHoles", gaps, "lost", 0));
    }
}

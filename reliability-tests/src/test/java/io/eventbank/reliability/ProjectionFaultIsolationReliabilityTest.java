package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fault for each class of projection failure, against the packaged services, with every account in one segment
 * (so "the rest of the segment" is every other account). A fault of one event's data — refused by the handler, by a
 * column or a CHECK when its rows are written, by a trigger, or by a deferred constraint at commit — parks that
 * account's events and lets the other accounts flow; a fault of the database itself (SQLSTATE 40001, 53100) is
 * retried and parks nothing. Once the cause is removed, a retry drains the queue and reconciliation is consistent.
 */
class ProjectionFaultIsolationReliabilityTest {

    /** One way the read-model database or the projection refuses the deposit of {@code amount}. */
    enum Fault {
        HANDLER_REFUSES(true, null, null),
        VALUE_DOES_NOT_FIT_22003(true, trigger("BEFORE", "numeric_value_out_of_range")),
        CHECK_CONSTRAINT_23514(true,
                "ALTER TABLE accounts_blue.account_ledger_entry ADD CONSTRAINT fault CHECK (amount <> %s)",
                "ALTER TABLE accounts_blue.account_ledger_entry DROP CONSTRAINT fault"),
        TRIGGER_REFUSES_P0001(true, trigger("BEFORE", "raise_exception")),
        DEFERRED_CONSTRAINT_AT_COMMIT_23514(true, trigger("DEFERRED", "check_violation")),
        SERIALIZATION_FAILURE_40001(false, trigger("BEFORE", "serialization_failure")),
        DISK_FULL_53100(false, trigger("BEFORE", "disk_full"));

        final boolean parks;
        final String install;
        final String remove;

        Fault(boolean parks, String install, String remove) {
            this.parks = parks;
            this.install = install;
            this.remove = remove;
        }

        Fault(boolean parks, String[] installAndRemove) {
            this(parks, installAndRemove[0], installAndRemove[1]);
        }

        /**
         * A trigger on the ledger that refuses the entry of the amount with the given condition name (SQLSTATE):
         * {@code BEFORE} each insert, or as a constraint trigger {@code DEFERRED} to the commit.
         */
        private static String[] trigger(String when, String condition) {
            String create = when.equals("DEFERRED")
                    ? "CREATE CONSTRAINT TRIGGER fault AFTER INSERT ON accounts_blue.account_ledger_entry DEFERRABLE "
                      + "INITIALLY DEFERRED"
                    : "CREATE TRIGGER fault BEFORE INSERT ON accounts_blue.account_ledger_entry";
            return new String[] {"""
                    CREATE FUNCTION fault() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.amount = %%s THEN RAISE EXCEPTION 'the ledger refuses this entry (%s)'
                          USING ERRCODE = '%s'; END IF; RETURN NEW; END $$;
                    %s FOR EACH ROW EXECUTE FUNCTION fault()""".formatted(condition, condition, create),
                    "DROP TRIGGER fault ON accounts_blue.account_ledger_entry; DROP FUNCTION fault()"};
        }
    }

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withQueryEnvironment(Map.of("PROJECTION_SEGMENTS", "1", "PROJECTION_DEAD_LETTER_RETRY", "1h"));
    private static final Map<String, Object> figures = new LinkedHashMap<>();
    private static HttpClientSupport commands;
    private static HttpClientSupport query;

    @AfterAll
    static void report() {
        Report.write("projection-fault-isolation", figures);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultOfOneEventsDataParksItsAccountAndAFaultOfTheDatabaseParksNothing(Fault fault) throws Exception {
        commands = pair.command().http();
        query = pair.query().http();
        String amount = "%d.%02d".formatted(1000 + fault.ordinal(), fault.ordinal() + 11);
        String unlucky = commands.openAccount("Unlucky " + fault);
        commands.deposit(unlucky, "10");
        awaitBalance(unlucky, "10.00");

        injectFault(fault, unlucky, amount);
        String before = balance(unlucky);
        try {
            assertThat(commands.deposit(unlucky, amount).status()).isEqualTo(200);
            assertThat(commands.deposit(unlucky, "1").status()).isEqualTo(200);
            String other = commands.openAccount("Other " + fault);
            commands.deposit(other, "7");

            if (fault.parks) {
                await(fault + ": the unlucky account is parked").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode accounts = accountsProjection();
                    assertThat(accounts.get("status").asText()).isEqualTo("DEGRADED");
                    assertThat(parkedEvents(accounts, unlucky)).isEqualTo(2);
                });
                awaitBalance(other, "7.00");
                assertThat(balance(unlucky)).as("nothing of the parked events applied").isEqualTo(before);
            } else {
                await(fault + ": the segment fails and is retried").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> {
                            JsonNode accounts = accountsProjection();
                            assertThat(accounts.get("status").asText()).isEqualTo("ERROR");
                            assertThat(parkedEvents(accounts, unlucky)).isZero();
                            assertThat(accounts.path("segments").get(0).path("error").path("attempts").asInt())
                                    .isGreaterThanOrEqualTo(2);
                        });
                assertThat(parkedEvents(accountsProjection(), unlucky)).as("nothing parked").isZero();
                assertThat(balance(other)).as("the failing segment holds every account").isEqualTo("HTTP 404");
            }
            assertThat(query.get("/actuator/health/projections").json().get("status").asText())
                    .isEqualTo("DEGRADED");
            assertThat(query.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        } finally {
            removeFault(fault, unlucky);
        }

        if (fault.parks) {
            JsonNode retry = query.post("/api/admin/projections/accounts/dead-letters/retry", "").json();
            assertThat(retry.get("eventsRemaining").asLong()).isZero();
        }
        String expected = new java.math.BigDecimal(amount).add(new java.math.BigDecimal("11.00")).toPlainString();
        awaitBalance(unlucky, expected);
        await(fault + ": caught up and healthy").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode accounts = accountsProjection();
            assertThat(accounts.get("status").asText()).isEqualTo("RUNNING");
            assertThat(accounts.get("lag").asLong()).isZero();
            assertThat(query.get("/actuator/health/projections").json().get("status").asText()).isEqualTo("UP");
        });
        await(fault + ": consistent").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = query.get("/api/admin/reconciliation").json();
            assertThat(report.get("caughtUp").asBoolean()).isTrue();
            assertThat(report.get("mismatches")).as(report.toString()).isEmpty();
            assertThat(report.get("consistent").asBoolean()).isTrue();
        });
        figures.put(fault.name(), fault.parks ? "parked, others flowed, drained by retry" : "retried, nothing parked");
    }

    private static void injectFault(Fault fault, String account, String amount) throws SQLException {
        if (fault == Fault.HANDLER_REFUSES) {
            execute("UPDATE account_summary SET balance = 99.99 WHERE account_id = '" + account + "'");
        } else {
            execute(fault.install.formatted(amount));
        }
    }

    private static void removeFault(Fault fault, String account) throws SQLException {
        if (fault == Fault.HANDLER_REFUSES) {
            execute("UPDATE account_summary SET balance = 10.00 WHERE account_id = '" + account + "'");
        } else {
            execute(fault.remove);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = pair.readModelConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static JsonNode accountsProjection() {
        for (JsonNode projection : query.get("/api/admin/projections").json()) {
            if (projection.get("name").asText().equals("accounts")) {
                return projection;
            }
        }
        throw new AssertionError("no accounts projection");
    }

    /** How many events of the account the projection has parked. */
    private static long parkedEvents(JsonNode projection, String account) {
        for (JsonNode sequence : projection.path("deadLetterSequences")) {
            if (sequence.get("aggregateId").asText().equals(account)) {
                return sequence.get("events").asLong();
            }
        }
        return 0;
    }

    private static String balance(String account) {
        HttpClientSupport.Response response = query.get("/api/accounts/" + account);
        return response.status() == 200 ? response.json().get("balance").decimalValue().setScale(2).toPlainString()
                : "HTTP " + response.status();
    }

    private static void awaitBalance(String account, String expected) {
        await("balance of " + account).atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(balance(account)).isEqualTo(expected));
    }
}

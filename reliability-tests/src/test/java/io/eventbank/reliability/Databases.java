package io.eventbank.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Facts read straight from a pair's databases with SQL, independently of either service's code. */
final class Databases {

    /** The read-model tables, each with the key that orders its rows. */
    static final Map<String, String> READ_MODEL_TABLES = tables();

    private Databases() {
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("account_summary", "account_id");
        tables.put("account_ledger_entry", "account_id, sequence");
        tables.put("order_customer", "account_id");
        tables.put("order_summary", "order_id");
        tables.put("order_line", "order_id, line_no");
        return tables;
    }

    /** Every balance change in the event store, as {@code accountId:sequence}. */
    static Set<String> balanceChanges(Connection eventStore) throws SQLException {
        return new HashSet<>(column(eventStore, "SELECT aggregate_id || ':' || event_version FROM events "
                + "WHERE aggregate_type = 'Account' AND event_type IN "
                + "('MoneyDeposited', 'MoneyWithdrawn', 'AccountChargedForOrder', 'AccountRefundedForOrder')"));
    }

    /** Every ledger entry of the read model, as {@code accountId:sequence}. */
    static Set<String> ledgerEntries(Connection readModel) throws SQLException {
        return new HashSet<>(column(readModel, "SELECT account_id || ':' || sequence FROM account_ledger_entry"));
    }

    /** Orders placed that the payment saga has not yet marked paid or rejected. */
    static long unsettledOrders(Connection eventStore) throws SQLException {
        return number(eventStore, """
                SELECT count(*) FROM events placed WHERE event_type = 'OrderPlaced' AND NOT EXISTS (
                    SELECT 1 FROM events settled WHERE settled.aggregate_id = placed.aggregate_id
                    AND settled.event_type IN ('OrderPaid', 'OrderRejected'))""");
    }

    /** Every account's balance as the sum of its balance-changing events, by account id. */
    static Map<String, String> balancesFromEvents(Connection eventStore) throws SQLException {
        return pairs(eventStore, """
                SELECT aggregate_id::text, sum(CASE
                    WHEN event_type IN ('MoneyDeposited', 'AccountRefundedForOrder') THEN amount
                    WHEN event_type IN ('MoneyWithdrawn', 'AccountChargedForOrder') THEN -amount
                    ELSE 0 END)::numeric(19, 2)::text
                FROM (SELECT aggregate_id, event_type, coalesce((event_data->>'amount')::numeric, 0) AS amount
                      FROM events WHERE aggregate_type = 'Account') account_events
                GROUP BY aggregate_id""");
    }

    /** Every account's balance as the read model shows it, by account id. */
    static Map<String, String> readModelBalances(Connection readModel) throws SQLException {
        return pairs(readModel, "SELECT account_id::text, balance::text FROM account_summary");
    }

    /** Every row of every read-model table as PostgreSQL renders it as text, in key order. */
    static Map<String, List<String>> readModelDump(Connection readModel) throws SQLException {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : READ_MODEL_TABLES.entrySet()) {
            dump.put(table.getKey(), column(readModel, "SELECT t::text FROM " + table.getKey() + " t ORDER BY "
                    + table.getValue()));
        }
        return dump;
    }

    /**
     * Makes every commit of an event take 100 ms more, at COMMIT itself (a deferred constraint trigger): a fault
     * injected then (a cut connection, a killed process) finds commits on the wire, whose answer is lost although
     * the events are stored.
     */
    static void slowCommits(Connection eventStore) throws SQLException {
        try (Statement statement = eventStore.createStatement()) {
            statement.execute("""
                    CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END $$""");
            statement.execute("""
                    CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON domain_event_entry
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()""");
        }
    }

    static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** The first two columns of every row, the first as key. */
    static Map<String, String> pairs(Connection connection, String sql) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
        }
        return values;
    }

    static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

package io.eventbank.bench;

import io.eventbank.testsupport.PostgresDatabases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Connections to bench databases, and the event store's own Flyway scripts run on them as they are. */
final class EventStoreSchema {

    static final String TABLES = "/db/eventstore/V1__event_store.sql";
    static final String VIEW = "/db/eventstore/V2__events_view.sql";
    /** Not a migration: a NOTIFY on every append, measured in the ceiling workload to show what it would cost. */
    static final String NOTIFY_TRIGGER = "/bench/notify-trigger.sql";

    private EventStoreSchema() {
    }

    static Connection connect(String database) throws SQLException {
        return connect(database, new Properties());
    }

    static Connection connect(String database, Properties properties) throws SQLException {
        Properties all = new Properties();
        all.putAll(properties);
        all.setProperty("user", PostgresDatabases.user());
        all.setProperty("password", PostgresDatabases.password());
        return DriverManager.getConnection(PostgresDatabases.jdbcUrl(database), all);
    }

    /** Runs the SQL scripts of the class path, e.g. {@link #TABLES}, in order. */
    static void apply(String database, String... scripts) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String script : scripts) {
                statement.execute(script(script));
            }
        }
    }

    private static String script(String name) {
        try (InputStream in = EventStoreSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.eventbank.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Creates and drops throw-away databases on the PostgreSQL the tests run against, {@link PostgresServer#current()}:
 * the one of {@code PGHOST} (localhost), {@code PGPORT} (5432), {@code PGUSER} (postgres) and {@code PGPASSWORD}
 * (postgres), or an embedded one when none answers there. Everything the tests and the service processes they start
 * connect to comes from here.
 */
public final class PostgresDatabases {

    private PostgresDatabases() {
    }

    public static String host() {
        return PostgresServer.current().host();
    }

    public static String port() {
        return Integer.toString(PostgresServer.current().port());
    }

    public static String user() {
        return PostgresServer.current().user();
    }

    public static String password() {
        return PostgresServer.current().password();
    }

    public static String jdbcUrl(String database) {
        return PostgresServer.current().jdbcUrl(database);
    }

    /** Creates a new empty database named {@code <prefix>_<random>} and returns its name. */
    public static String create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        return name;
    }

    /**
     * Drops the database, disconnecting whoever is still connected to it. An embedded server that no longer answers
     * has stopped with the JVM, and every database with it.
     */
    public static void drop(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            if (!(PostgresServer.current().embedded() && e.getCause() instanceof SQLException cause
                  && cause.getSQLState() != null && cause.getSQLState().matches("08...|57P0[1-3]"))) {
                throw e;
            }
        }
    }

    public static void execute(String sql) {
        try (Connection connection = PostgresServer.current().connect("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host() + ":" + port() + " refused: " + sql, e);
        }
    }
}

package io.eventbank.e2e;

import io.eventbank.testsupport.PostgresDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The command service and the query service as two processes, each on a database created for this test class:
 * the command service owns the event store, the query service reads it and keeps its read models and tokens in a
 * database of its own.
 */
final class ServicePair implements AutoCloseable {

    final String eventStore = PostgresDatabases.create("e2e");
    final String readModel = PostgresDatabases.create("e2e");
    final ServiceProcess command;
    final ServiceProcess query;

    ServicePair(Map<String, String> queryEnvironment) {
        command = new ServiceProcess("command-service", ServiceProcess.jar("e2e.commandJar"), Map.of(
                "SPRING_DATASOURCE_URL", PostgresDatabases.jdbcUrl(eventStore),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password()));
        java.util.HashMap<String, String> queryEnv = new java.util.HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", PostgresDatabases.jdbcUrl(readModel),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password(),
                "EVENTSTORE_DATASOURCE_URL", PostgresDatabases.jdbcUrl(eventStore),
                "EVENTSTORE_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "EVENTSTORE_DATASOURCE_PASSWORD", PostgresDatabases.password()));
        queryEnv.putAll(queryEnvironment);
        query = new ServiceProcess("query-service", ServiceProcess.jar("e2e.queryJar"), queryEnv);
    }

    ServicePair start() {
        command.start();
        query.start();
        return this;
    }

    Connection eventStoreConnection() throws SQLException {
        return DriverManager.getConnection(PostgresDatabases.jdbcUrl(eventStore), PostgresDatabases.user(),
                PostgresDatabases.password());
    }

    Connection readModelConnection() throws SQLException {
        return DriverManager.getConnection(PostgresDatabases.jdbcUrl(readModel), PostgresDatabases.user(),
                PostgresDatabases.password());
    }

    @Override
    public void close() {
        query.stop();
        command.stop();
        PostgresDatabases.drop(readModel);
        PostgresDatabases.drop(eventStore);
    }
}

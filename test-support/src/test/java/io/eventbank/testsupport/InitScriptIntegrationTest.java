package io.eventbank.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/postgres/init.sql run over JDBC, as run-local.sh runs it without psql: twice, with names of its own, it
 * leaves the databases and least-privilege roles that psql leaves (scripts/check-deploy.sh compares the two).
 */
class InitScriptIntegrationTest {

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final Map<String, String> NAMES = Map.of(
            "EVENTSTORE_DB", "es_init_" + SUFFIX, "READMODEL_DB", "rm_init_" + SUFFIX,
            "COMMAND_DB_USER", "cmd_init_" + SUFFIX, "COMMAND_DB_PASSWORD", "it's-command",
            "QUERY_DB_USER", "qry_init_" + SUFFIX, "QUERY_DB_PASSWORD", "query");
    private static final PostgresServer SERVER = PostgresServer.current();

    @BeforeAll
    static void runTheScriptTwice() throws Exception {
        List<String> script = Files.readAllLines(Path.of("../deploy/postgres/init.sql"));
        new InitScript(SERVER, NAMES).run(script, "postgres");
        new InitScript(SERVER, NAMES).run(script, "postgres");
    }

    @AfterAll
    static void dropWhatItCreated() {
        PostgresDatabases.drop(NAMES.get("EVENTSTORE_DB"));
        PostgresDatabases.drop(NAMES.get("READMODEL_DB"));
        PostgresDatabases.execute("DROP ROLE IF EXISTS " + NAMES.get("COMMAND_DB_USER"));
        PostgresDatabases.execute("DROP ROLE IF EXISTS " + NAMES.get("QUERY_DB_USER"));
    }

    @Test
    void theCommandRoleOwnsTheEventStoreAndTheQueryRoleOnlyReadsIt() throws SQLException {
        as("COMMAND_DB_USER", "EVENTSTORE_DB", "CREATE TABLE created_later (id int); INSERT INTO created_later VALUES (1)");
        as("QUERY_DB_USER", "EVENTSTORE_DB", "SELECT id FROM created_later");

        assertThatThrownBy(() -> as("QUERY_DB_USER", "EVENTSTORE_DB", "INSERT INTO created_later VALUES (2)"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> as("COMMAND_DB_USER", "READMODEL_DB", "SELECT 1"))
                .hasMessageContaining("permission denied");
    }

    @Test
    void theRolesLogInAndNothingMore() throws SQLException {
        try (Connection connection = SERVER.connect("postgres"); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname IN ('"
                     + NAMES.get("COMMAND_DB_USER") + "', '" + NAMES.get("QUERY_DB_USER") + "') AND rolcanlogin"
                     + " AND NOT (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls)")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    private static void as(String role, String database, String sql) throws SQLException {
        PostgresServer asRole = new PostgresServer(SERVER.host(), SERVER.port(), NAMES.get(role),
                NAMES.get(role.replace("_USER", "_PASSWORD")), SERVER.embedded());
        try (Connection connection = asRole.connect(NAMES.get(database));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

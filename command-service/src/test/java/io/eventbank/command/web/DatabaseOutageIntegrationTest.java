package io.eventbank.command.web;

import io.eventbank.testsupport.FreshDatabaseInitializer;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.PostgresDatabases;
import io.eventbank.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event store's database goes away under the service (every connection cut, new ones refused) and comes back:
 * meanwhile commands are answered 503 problem+json and write nothing; afterwards the service serves again by
 * itself, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.connection-timeout=1000",
                "spring.datasource.hikari.validation-timeout=500"})
@ContextConfiguration(initializers = DatabaseOutageIntegrationTest.ThroughProxy.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIntegrationTest {

    private static final TcpProxy PROXY = TcpProxy.toPostgres();

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    static class ThroughProxy extends FreshDatabaseInitializer {
        @Override
        protected String jdbcUrl(String database) {
            return PROXY.jdbcUrl(database);
        }
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    private long events(String database, String accountId) throws Exception {
        try (Connection connection = DriverManager.getConnection(PostgresDatabases.jdbcUrl(database),
                PostgresDatabases.user(), PostgresDatabases.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry "
                     + "WHERE aggregate_identifier = '" + accountId + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void commandsAre503WhileTheDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
        String database = environment.getProperty("test.database.name");
        HttpClientSupport http = new HttpClientSupport(port);
        String account = http.openAccount("Kim Minji");
        assertThat(http.deposit(account, "100").status()).isEqualTo(200);

        PROXY.cut();
        for (int i = 0; i < 3; i++) {
            Response refused = http.deposit(account, "1");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:problem:unavailable");
        }
        assertThat(http.post("/api/accounts", "{\"holderName\": \"Lee Joon\"}").status()).isEqualTo(503);
        PROXY.restore();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(http.deposit(account, "5").status()).isEqualTo(200));
        assertThat(events(database, account)).isEqualTo(3);
        assertThat(http.withdraw(account, "105").status()).isEqualTo(200);
    }
}

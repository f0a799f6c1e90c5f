package io.eventbank.bench;

import io.eventbank.testsupport.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP floor does what the benchmark says it does: over real HTTP on its own Tomcat, each deposit or withdrawal
 * appends one event row with the account's next sequence number to a {@code domain_event_entry} made by the event
 * store's migration on a real PostgreSQL, and a body the command service would refuse is refused.
 */
class HttpFloorIntegrationTest {

    private static String database;
    private static ConfigurableApplicationContext floor;
    private static int port;

    @BeforeAll
    static void start() throws SQLException {
        database = PostgresDatabases.create("it_floor");
        EventStoreSchema.apply(database, EventStoreSchema.TABLES);
        floor = HttpFloor.start("--server.port=0", "--spring.datasource.url=" + PostgresDatabases.jdbcUrl(database),
                "--spring.datasource.username=" + PostgresDatabases.user(),
                "--spring.datasource.password=" + PostgresDatabases.password(),
                "--spring.datasource.hikari.maximum-pool-size=2");
        port = ((WebServerApplicationContext) floor).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (floor != null) {
            floor.close();
        }
        PostgresDatabases.drop(database);
    }

    @Test
    void eachDepositOrWithdrawalAppendsOneEventRowWithTheAccountsNextSequenceNumber() throws SQLException {
        UUID account = UUID.randomUUID();
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            KeepAliveClient.Response first = http.post("/api/accounts/" + account + "/deposits", "{\"amount\":12.34}");
            KeepAliveClient.Response second = http.post("/api/accounts/" + account + "/withdrawals", "{\"amount\":1}");
            KeepAliveClient.Response third = http.post("/api/accounts/" + account + "/deposits", "{\"amount\":0.5}");

            assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(200);
            assertThat(first.body()).isEqualTo("{\"accountId\":\"" + account + "\",\"version\":0}");
            assertThat(third.body()).isEqualTo("{\"accountId\":\"" + account + "\",\"version\":2}");
        }
        List<String> rows = rows(account);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("0 io.eventbank.api.account.MoneyDeposited Account ").contains("12.34");
        assertThat(rows.get(1)).startsWith("1 io.eventbank.api.account.MoneyWithdrawn Account ");
        assertThat(rows.get(2)).startsWith("2 io.eventbank.api.account.MoneyDeposited Account ").contains("0.50");
    }

    @Test
    void concurrentCommandsOnOneAccountEachAppendUnderASequenceNumberOfTheirOwn() throws Exception {
        UUID account = UUID.randomUUID();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try (KeepAliveClient http = new KeepAliveClient(port)) {
                    for (int i = 0; i < 25; i++) {
                        statuses.add(http.post("/api/accounts/" + account + "/deposits", "{\"amount\":1}").status());
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        assertThat(statuses).hasSize(200).containsOnly(200);
        List<String> rows = rows(account);
        assertThat(rows).hasSize(200);
        for (int sequence = 0; sequence < 200; sequence++) {
            assertThat(rows.get(sequence)).startsWith(sequence + " ");
        }
    }

    @Test
    void aBodyTheCommandServiceRefusesIsRefusedAndAppendsNothing() throws SQLException {
        UUID account = UUID.randomUUID();
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            assertThat(http.post("/api/accounts/" + account + "/deposits", "{\"amount\":1,\"note\":\"x\"}").status())
                    .isEqualTo(400);
            assertThat(http.post("/api/accounts/" + account + "/deposits", "{\"amount\":1} {}").status())
                    .isEqualTo(400);
        }
        assertThat(rows(account)).isEmpty();
    }

    /** The account's rows, in order: sequence number, payload type, aggregate type, payload. */
    private static List<String> rows(UUID account) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = EventStoreSchema.connect(database);
             PreparedStatement select = connection.prepareStatement("SELECT sequence_number, payload_type, type, "
                     + "convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                     + "ORDER BY sequence_number")) {
            select.setString(1, account.toString());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                            + result.getString(4));
                }
            }
        }
        return rows;
    }
}

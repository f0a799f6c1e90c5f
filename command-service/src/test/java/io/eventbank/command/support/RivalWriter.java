package io.eventbank.command.support;

import io.eventbank.testsupport.HttpClientSupport.Response;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/**
 * Plays a second command-service instance that appends to an account at the same moment as the service under test:
 * it inserts the account's next event in an open transaction, lets the service's own append of that same sequence
 * number block on the unique key, then commits, so the service's append fails exactly as it would in a race.
 */
public final class RivalWriter {

    private final DataSource dataSource;

    public RivalWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sends {@code request} while a rival deposit of {@code amount} takes the account's next sequence number. */
    public Response depositDuring(String accountId, String amount, java.util.function.Supplier<Response> request)
            throws SQLException {
        try (Connection rival = dataSource.getConnection()) {
            rival.setAutoCommit(false);
            long next = nextSequence(rival, accountId);
            String balanceBefore = lastBalance(rival, accountId);
            insertDeposit(rival, accountId, next, amount,
                    new java.math.BigDecimal(balanceBefore).add(new java.math.BigDecimal(amount)).setScale(2).toPlainString());
            CompletableFuture<Response> response = CompletableFuture.supplyAsync(request);
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedOnLock() > 0 || response.isDone());
            rival.commit();
            return response.join();
        }
    }

    /**
     * Sends {@code request}, holds its append blocked behind a rival's uncommitted event of the same sequence number
     * while {@code meanwhile} runs, then rolls the rival back so that the request completes.
     */
    public Response holdDuring(String accountId, java.util.function.Supplier<Response> request, Runnable meanwhile)
            throws SQLException {
        try (Connection rival = dataSource.getConnection()) {
            rival.setAutoCommit(false);
            insertDeposit(rival, accountId, nextSequence(rival, accountId), "1", "1");
            CompletableFuture<Response> response = CompletableFuture.supplyAsync(request);
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedOnLock() > 0 || response.isDone());
            try {
                meanwhile.run();
            } finally {
                rival.rollback();
            }
            return response.join();
        }
    }

    private long nextSequence(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            statement.setString(1, accountId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String lastBalance(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(event_data->>'balanceAfter', '0') FROM events WHERE aggregate_id = ?::uuid "
                        + "ORDER BY event_version DESC LIMIT 1")) {
            statement.setString(1, accountId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private void insertDeposit(Connection connection, String accountId, long sequence, String amount,
                               String balanceAfter) throws SQLException {
        String payload = "{\"accountId\":\"%s\",\"amount\":%s,\"balanceAfter\":%s}".formatted(accountId, amount, balanceAfter);
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, ?, 'Account', ?, ?, ?, '1', 'io.eventbank.api.account.MoneyDeposited', ?)""")) {
            statement.setString(1, accountId);
            statement.setLong(2, sequence);
            statement.setString(3, UUID.randomUUID().toString());
            statement.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            statement.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
            statement.setString(6, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            statement.executeUpdate();
        }
    }

    private int blockedOnLock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                             + "AND wait_event_type = 'Lock'");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

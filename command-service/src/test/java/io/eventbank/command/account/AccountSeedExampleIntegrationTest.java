package io.eventbank.command.account;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's account: opened, 10000 and 50000 deposited, 10000 withdrawn; the balance is the replay of events. */
class AccountSeedExampleIntegrationTest extends CommandServiceIntegrationTest {

    @Test
    void seedExampleIsFourEventsInTheStoreAndTheView() {
        Response opened = http.post("/api/accounts", "{\"holderName\":\"Kim Minji\"}");
        assertThat(opened.status()).isEqualTo(201);
        String id = opened.json().get("accountId").asText();
        assertThat(opened.header("Location")).isEqualTo("http://localhost:8081/api/accounts/" + id);
        assertThat(opened.header("ETag")).isEqualTo("\"0\"");
        assertThat(opened.json().get("version").asLong()).isZero();

        Response first = http.deposit(id, "10000");
        Response second = http.deposit(id, "50000");
        Response withdrawn = http.withdraw(id, "10000");
        assertThat(List.of(first.status(), second.status(), withdrawn.status())).containsOnly(200);
        assertThat(List.of(first.header("ETag"), second.header("ETag"), withdrawn.header("ETag")))
                .containsExactly("\"1\"", "\"2\"", "\"3\"");
        assertThat(withdrawn.json().get("version").asLong()).isEqualTo(3);

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT sequence_number, type, payload_type, payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number", id);
        assertThat(rows).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(rows).extracting(row -> row.get("type")).containsOnly("Account");
        assertThat(rows).extracting(row -> row.get("payload_type")).containsExactly(
                "io.eventbank.api.account.AccountOpened", "io.eventbank.api.account.MoneyDeposited",
                "io.eventbank.api.account.MoneyDeposited", "io.eventbank.api.account.MoneyWithdrawn");
        assertThat(new String((byte[]) rows.get(1).get("payload"), StandardCharsets.UTF_8))
                .contains("\"amount\":10000.00");

        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT event_type, event_data->>'amount' AS amount, event_version, aggregate_type "
                        + "FROM events WHERE aggregate_id = ?::uuid ORDER BY event_version", id);
        assertThat(events).extracting(row -> row.get("event_type"))
                .containsExactly("AccountOpened", "MoneyDeposited", "MoneyDeposited", "MoneyWithdrawn");
        assertThat(events).extracting(row -> row.get("amount")).containsExactly(null, "10000.00", "50000.00", "10000.00");

        BigDecimal replayed = jdbc.queryForObject("""
                SELECT sum(CASE event_type WHEN 'MoneyDeposited' THEN (event_data->>'amount')::numeric
                                           WHEN 'MoneyWithdrawn' THEN -(event_data->>'amount')::numeric
                                           ELSE 0 END)
                FROM events WHERE aggregate_id = ?::uuid""", BigDecimal.class, id);
        assertThat(replayed).isEqualByComparingTo("50000");
        assertThat(jdbc.queryForObject("SELECT (event_data->>'balanceAfter')::numeric FROM events "
                + "WHERE aggregate_id = ?::uuid AND event_version = 3", BigDecimal.class, id))
                .isEqualByComparingTo("50000");
        assertThat(jdbc.queryForObject("SELECT bool_and(created_at <= now()) FROM events WHERE aggregate_id = ?::uuid",
                Boolean.class, id)).isTrue();
    }

    @Test
    void anAccountClosesAtZeroAndThenRefusesEverything() {
        String id = http.openAccount("Park Jisoo");
        http.deposit(id, "5");
        assertThat(http.post("/api/accounts/" + id + "/close", null).json().get("type").asText())
                .isEqualTo("urn:problem:non-zero-balance");
        http.withdraw(id, "5");

        Response closed = http.post("/api/accounts/" + id + "/close", null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.header("ETag")).isEqualTo("\"3\"");

        Response deposit = http.deposit(id, "1");
        assertThat(deposit.status()).isEqualTo(422);
        assertThat(deposit.json().get("type").asText()).isEqualTo("urn:problem:account-closed");
        assertThat(eventCount(id)).isEqualTo(4);
    }
}

package io.eventbank.command.order;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders paid or rejected by the payment saga, running for real on the event store. */
class OrderPaymentIntegrationTest extends CommandServiceIntegrationTest {

    private String placeOrder(String accountId, int quantity, String unitPrice) {
        Response placed = http.post("/api/orders", """
                {"accountId": "%s", "items": [{"productId": "sku-1", "quantity": %d, "unitPrice": %s}]}"""
                .formatted(accountId, quantity, unitPrice));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.header("ETag")).isEqualTo("\"0\"");
        return placed.json().get("orderId").asText();
    }

    private static String order(String accountId) {
        return """
                {"accountId": "%s", "items": [{"productId": "sku-1", "quantity": 1, "unitPrice": 1}]}"""
                .formatted(accountId);
    }

    private long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT event_type FROM events WHERE aggregate_id = ?::uuid ORDER BY event_version",
                String.class, aggregateId);
    }

    private BigDecimal balanceAfterLastEvent(String accountId) {
        return jdbc.queryForObject("SELECT (event_data->>'balanceAfter')::numeric FROM events "
                + "WHERE aggregate_id = ?::uuid AND event_data->>'balanceAfter' IS NOT NULL ORDER BY event_version DESC LIMIT 1",
                BigDecimal.class, accountId);
    }

    private void awaitEvents(String aggregateId, String... expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(eventTypes(aggregateId)).containsExactly(expected));
    }

    @Test
    void anOrderTheAccountCanPayForIsPaidThenShipped() {
        String account = http.openAccount("Kim Minji");
        http.deposit(account, "100");

        String order = placeOrder(account, 2, "12.50");

        awaitEvents(order, "OrderPlaced", "OrderPaid");
        assertThat(eventTypes(account)).containsExactly("AccountOpened", "MoneyDeposited", "AccountChargedForOrder");
        assertThat(balanceAfterLastEvent(account)).isEqualByComparingTo("75.00");
        assertThat(jdbc.queryForObject("SELECT event_data->>'total' FROM events WHERE aggregate_id = ?::uuid "
                + "AND event_type = 'OrderPlaced'", String.class, order)).isEqualTo("25.00");

        Response shipped = http.post("/api/orders/" + order + "/ship", null);
        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.header("ETag")).isEqualTo("\"2\"");
        Response cancel = http.post("/api/orders/" + order + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(422);
        assertThat(cancel.json().get("type").asText()).isEqualTo("urn:problem:order-already-shipped");
    }

    @Test
    void anOrderTheAccountCannotCoverIsRejectedAndCannotShip() {
        String account = http.openAccount("Lee Joon");
        http.deposit(account, "10");

        String order = placeOrder(account, 1, "10.01");

        awaitEvents(order, "OrderPlaced", "OrderRejected");
        assertThat(jdbc.queryForObject("SELECT event_data->>'reason' FROM events WHERE aggregate_id = ?::uuid "
                + "AND event_type = 'OrderRejected'", String.class, order)).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(eventTypes(account)).containsExactly("AccountOpened", "MoneyDeposited");

        Response ship = http.post("/api/orders/" + order + "/ship", null);
        assertThat(ship.status()).isEqualTo(422);
        assertThat(ship.json().get("type").asText()).isEqualTo("urn:problem:order-not-paid");
    }

    @Test
    void anOrderOnAnUnknownAccountIs404AndNothingIsPlaced() {
        long events = totalEvents();

        Response response = http.post("/api/orders", order(UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:not-found");
        assertThat(totalEvents()).isEqualTo(events);
    }

    @Test
    void aCustomerOrderOnAnotherCustomersAccountIsAnsweredLikeAnUnknownAccount() {
        String account = http.as(TestTokens.customer("owner-a")).openAccount("Owner A");
        String unknown = UUID.randomUUID().toString();
        long events = totalEvents();

        Response strangers = http.as(TestTokens.customer("stranger-b")).post("/api/orders", order(account));
        Response missing = http.as(TestTokens.customer("stranger-b")).post("/api/orders", order(unknown));

        assertThat(strangers.status()).isEqualTo(404);
        assertThat(strangers.body().replace(account, unknown)).isEqualTo(missing.body());
        assertThat(totalEvents()).isEqualTo(events);
    }

    @Test
    void aCustomersOrderOnItsOwnAccountIsPaidForItsOwner() {
        HttpClientSupport owner = http.as(TestTokens.customer("owner-c"));
        String account = owner.openAccount("Owner C");
        assertThat(owner.deposit(account, "10").status()).isEqualTo(200);

        Response placed = owner.post("/api/orders", order(account));

        assertThat(placed.status()).isEqualTo(201);
        String order = placed.json().get("orderId").asText();
        awaitEvents(order, "OrderPlaced", "OrderPaid");
        assertThat(jdbc.queryForObject("SELECT event_data->>'owner' FROM events WHERE aggregate_id = ?::uuid "
                + "AND event_type = 'OrderPlaced'", String.class, order)).isEqualTo("owner-c");
        assertThat(owner.post("/api/orders/" + order + "/cancel", null).status()).isEqualTo(200);
    }

    @Test
    void anOrderOnAClosedAccountIsRejected() {
        String account = http.openAccount("Park Jisoo");
        assertThat(http.post("/api/accounts/" + account + "/close", null).status()).isEqualTo(200);

        String order = placeOrder(account, 1, "1");

        awaitEvents(order, "OrderPlaced", "OrderRejected");
        assertThat(jdbc.queryForObject("SELECT event_data->>'reason' FROM events WHERE aggregate_id = ?::uuid "
                + "AND event_type = 'OrderRejected'", String.class, order)).isEqualTo("ACCOUNT_CLOSED");
    }

    @Test
    void cancellingAPaidOrderRefundsTheAccount() {
        String account = http.openAccount("Choi Yuna");
        http.deposit(account, "50");
        String order = placeOrder(account, 4, "5.25");
        awaitEvents(order, "OrderPlaced", "OrderPaid");

        Response cancelled = http.post("/api/orders/" + order + "/cancel", null);

        assertThat(cancelled.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(eventTypes(account)).containsExactly(
                "AccountOpened", "MoneyDeposited", "AccountChargedForOrder", "AccountRefundedForOrder"));
        assertThat(balanceAfterLastEvent(account)).isEqualByComparingTo("50.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry", Long.class)).isZero();
    }
}

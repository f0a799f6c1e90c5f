package io.eventbank.command.actor;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event says who acted, with which role, on whose behalf, for which request and because of which message:
 * the columns of the {@code events} view, read from each event's metadata.
 */
class ActorMetadataIntegrationTest extends CommandServiceIntegrationTest {

    @Test
    void anAdminsDepositSaysWhoActedOnWhoseBehalf() {
        String account = http.as(TestTokens.customer("owner-1")).openAccount("Owner One");

        http.deposit(account, "10");

        Map<String, Object> deposit = row(account, "MoneyDeposited");
        assertThat(deposit).containsEntry("actor", "test-admin").containsEntry("actor_role", "admin")
                .containsEntry("on_behalf_of", "owner-1");
        assertThat(deposit.get("correlation_id")).isEqualTo(deposit.get("causation_id")).isNotNull();
        Map<String, Object> opened = row(account, "AccountOpened");
        assertThat(opened).containsEntry("actor", "owner-1").containsEntry("actor_role", "customer")
                .containsEntry("on_behalf_of", "owner-1");
        assertThat(opened.get("correlation_id")).isNotEqualTo(deposit.get("correlation_id"));
    }

    @Test
    void everythingAnOrderCausesCarriesItsCallerAndOneCorrelation() {
        HttpClientSupport customer = http.as(TestTokens.customer("owner-2"));
        String account = customer.openAccount("Owner Two");
        customer.deposit(account, "50");
        String order = customer.post("/api/orders", """
                {"accountId": "%s", "items": [{"productId": "sku-1", "quantity": 2, "unitPrice": 5}]}"""
                .formatted(account)).json().get("orderId").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> rows(order).size() == 2);

        Map<String, Object> placed = row(order, "OrderPlaced");
        Map<String, Object> charged = row(account, "AccountChargedForOrder");
        Map<String, Object> paid = row(order, "OrderPaid");
        for (Map<String, Object> event : List.of(placed, charged, paid)) {
            assertThat(event).containsEntry("actor", "owner-2").containsEntry("actor_role", "customer")
                    .containsEntry("on_behalf_of", "owner-2")
                    .containsEntry("correlation_id", placed.get("correlation_id"));
            assertThat(event.get("causation_id")).isNotNull().isNotEqualTo(event.get("id").toString());
        }
        assertThat(charged.get("causation_id")).isNotEqualTo(placed.get("causation_id"));
    }

    @Test
    void theEventsViewShowsEachRowsRevision() {
        String account = http.openAccount("Revision Holder");
        http.deposit(account, "1");

        assertThat(row(account, "AccountOpened").get("payload_revision")).isEqualTo("2");
        assertThat(row(account, "MoneyDeposited").get("payload_revision")).isEqualTo("1");
    }

    private Map<String, Object> row(String aggregateId, String eventType) {
        return jdbc.queryForMap("SELECT id, actor, actor_role, on_behalf_of, correlation_id, causation_id, "
                + "payload_revision FROM events WHERE aggregate_id = ?::uuid AND event_type = ?", aggregateId, eventType);
    }

    private List<Map<String, Object>> rows(String aggregateId) {
        return jdbc.queryForList("SELECT * FROM events WHERE aggregate_id = ?::uuid", aggregateId);
    }
}

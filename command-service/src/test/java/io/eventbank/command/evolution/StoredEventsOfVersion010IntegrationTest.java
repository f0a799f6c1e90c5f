package io.eventbank.command.evolution;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command service started on an event store written by version 0.1.0 (the fixture in test-support, exported
 * from a real run): old streams load, their snapshots of an older aggregate revision skipped, the live saga goes on,
 * and commands of tellers and admins are accepted on them; old accounts belong to no customer. A change of an event,
 * a snapshot or the saga that old stores cannot follow fails here.
 */
@TestPropertySource(properties = {
        "spring.flyway.locations=classpath:db/eventstore,classpath:fixtures/eventstore-0.1.0",
        "eventbank.snapshot.threshold=3"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoredEventsOfVersion010IntegrationTest extends CommandServiceIntegrationTest {

    private static final String KIM = "86d780b3-6c82-4a22-8b9c-789786203d5a";
    private static final String LEE = "f3398cc3-ff10-48a6-8e40-bf20e11a841b";
    private static final String CLOSED = "4a971c96-98d4-4196-9aaf-99377a7f6a8e";
    private static final String SHIPPED_ORDER = "ce9dffa8-b8da-4d20-bcea-01f2fe0f18c9";
    private static final String OPEN_ORDER = "db3422b5-88e3-43bc-89f2-ca024bd4475c";

    @Test
    @Order(1)
    void theFixtureHoldsEveryEventTypeSnapshotsAndALiveSaga() {
        assertThat(jdbc.queryForList("SELECT DISTINCT event_type FROM events ORDER BY 1", String.class))
                .containsExactly("AccountChargedForOrder", "AccountClosed", "AccountOpened", "AccountRefundedForOrder",
                        "MoneyDeposited", "MoneyWithdrawn", "OrderCancelled", "OrderPaid", "OrderPlaced",
                        "OrderRejected", "OrderShipped");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry", Long.class)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anOldAccountSkipsItsOldSnapshotAndTakesADeposit() {
        Response deposit = http.as(TestTokens.teller("teller-1")).deposit(KIM, "0.96");

        assertThat(deposit.status()).as(deposit.body()).isEqualTo(200);
        assertThat(deposit.json().get("version").asLong()).isEqualTo(9);
        assertThat(lastBalance(KIM)).isEqualTo("49971.00");
        // loaded from all its events, past the snapshot of revision NULL: the threshold of 3 is met, a new one taken
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ?", String.class, KIM))
                .contains("2"));
        assertThat(jdbc.queryForMap("SELECT actor, actor_role, on_behalf_of FROM events WHERE aggregate_id = ?::uuid "
                + "AND event_version = 9", KIM)).containsEntry("actor", "teller-1").containsEntry("actor_role", "teller")
                .containsEntry("on_behalf_of", null);
    }

    @Test
    void anOldAccountBelongsToNoCustomer() {
        HttpClientSupport customer = http.as(TestTokens.customer("customer-1"));
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        assertThat(customer.deposit(LEE, "1").status()).isEqualTo(404);
        assertThat(customer.post("/api/orders", order(LEE)).status()).isEqualTo(404);
        assertThat(customer.post("/api/orders/" + SHIPPED_ORDER + "/cancel", null).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }

    @Test
    void anAdminPlacesAnOrderOnAnOldAccountAndItBelongsToNoCustomerEither() {
        Response placed = http.post("/api/orders", order(LEE));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        Map<String, Object> row = jdbc.queryForMap("SELECT event_data, payload_revision, on_behalf_of FROM events "
                + "WHERE aggregate_id = ?::uuid AND event_type = 'OrderPlaced'", placed.json().get("orderId").asText());
        assertThat(row.get("event_data").toString()).contains("\"owner\": null");
        assertThat(row).containsEntry("payload_revision", "2").containsEntry("on_behalf_of", null);
    }

    @Test
    void theEventsViewShowsTheOldRevisionsAsStored() {
        assertThat(jdbc.queryForList("SELECT DISTINCT payload_revision FROM events WHERE event_type = 'AccountOpened'",
                String.class)).containsExactly("1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE actor IS NOT NULL AND global_index <= 24",
                Long.class)).isZero();
    }

    @Test
    void anOldClosedAccountStaysClosed() {
        Response deposit = http.deposit(CLOSED, "1");

        assertThat(deposit.status()).isEqualTo(422);
        assertThat(deposit.json().get("type").asText()).isEqualTo("urn:problem:account-closed");
    }

    @Test
    void anOldShippedOrderLoadsFromItsSnapshotAndCannotBeCancelled() {
        Response cancel = http.post("/api/orders/" + SHIPPED_ORDER + "/cancel", null);

        assertThat(cancel.status()).isEqualTo(422);
        assertThat(cancel.json().get("type").asText()).isEqualTo("urn:problem:order-already-shipped");
    }

    @Test
    void theOldLiveSagaRefundsItsOrderWhenCancelled() {
        Response cancel = http.post("/api/orders/" + OPEN_ORDER + "/cancel", null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                        "SELECT event_type FROM events WHERE aggregate_id = ?::uuid AND event_data->>'orderId' = ? "
                        + "ORDER BY event_version", String.class, KIM, OPEN_ORDER))
                .isEqualTo(List.of("AccountChargedForOrder", "AccountRefundedForOrder")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry", Long.class)).isZero();
    }

    private static String order(String accountId) {
        return "{\"accountId\":\"" + accountId + "\",\"items\":[{\"productId\":\"sku-1\",\"quantity\":1,"
               + "\"unitPrice\":1}]}";
    }

    private String lastBalance(String accountId) {
        return jdbc.queryForObject("SELECT event_data->>'balanceAfter' FROM events WHERE aggregate_id = ?::uuid "
                + "AND event_data->>'balanceAfter' IS NOT NULL ORDER BY event_version DESC LIMIT 1", String.class, accountId);
    }
}

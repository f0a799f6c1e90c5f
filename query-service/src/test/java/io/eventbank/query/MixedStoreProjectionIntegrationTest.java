package io.eventbank.query;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.testsupport.HttpClientSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query service on an event store version 0.1.0 wrote (the fixture in test-support), followed by events of
 * today's shape: the read models it projects are the same as those projected from the same events with the old
 * ones already in today's shape — what the upcaster must make of them: {@code AccountOpened} and {@code OrderPlaced}
 * of revision 2 with no owner.
 */
@QueryServiceIntegrationTest
@TestPropertySource(properties = "test.eventstore.fixture=eventstore-0.1.0")
class MixedStoreProjectionIntegrationTest {

    private static final UUID KIM = UUID.fromString("86d780b3-6c82-4a22-8b9c-789786203d5a");
    private static final List<String> READ_MODEL_TABLES = List.of("account_summary", "account_ledger_entry",
            "order_customer", "order_summary", "order_line");

    @Autowired
    TestEventStore events;

    @Autowired
    JdbcClient readModel;

    @Value("${test.eventstore.url}")
    String eventStoreUrl;

    @LocalServerPort
    int port;

    @Test
    void oldAndNewEventsProjectAsTheSameEventsInTodaysShape() {
        UUID account = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        events.account(KIM, new MoneyDeposited(KIM, Money.of("0.96"), Money.of("49971.00")));
        events.account(account, new AccountOpened(account, "New Holder", "customer-new"),
                new MoneyDeposited(account, Money.of(50), Money.of(50)));
        events.order(order, new OrderPlaced(order, account, List.of(new OrderLine("sku-1", 2, Money.of(5))),
                Money.of(10), "customer-new"));
        long head = events.number("SELECT max(global_index) FROM domain_event_entry");
        HttpClientSupport admin = new HttpClientSupport(port);
        awaitCaughtUp(admin, head);
        Map<String, List<String>> mixed = readModelRows();

        TestEventStore.executeAsOwner(eventStoreUrl, """
                UPDATE domain_event_entry
                SET payload = convert_to((convert_from(payload, 'UTF8')::jsonb || '{"owner": null}')::text, 'UTF8'),
                    payload_revision = '2'
                WHERE payload_type IN ('io.eventbank.api.account.AccountOpened', 'io.eventbank.api.order.OrderPlaced')
                  AND payload_revision = '1'""");
        for (String projection : List.of("accounts", "orders")) {
            assertThat(admin.post("/api/admin/projections/" + projection + "/replay", null).status()).isEqualTo(202);
        }
        awaitCaughtUp(admin, head);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readModelRows()).isEqualTo(mixed));
        assertThat(readModel.sql("SELECT count(*) FROM account_summary WHERE owner IS NULL").query(Long.class)
                .single()).isEqualTo(3);
        assertThat(readModel.sql("SELECT owner FROM order_summary WHERE order_id = ?").param(order)
                .query(String.class).single()).isEqualTo("customer-new");
        assertThat(mixed.get("order_summary")).hasSize(6);
    }

    private static void awaitCaughtUp(HttpClientSupport admin, long head) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var projections = admin.get("/api/admin/projections").json();
            for (var projection : projections) {
                assertThat(projection.get("status").asText()).isEqualTo("RUNNING");
                assertThat(projection.get("replaying").asBoolean()).isFalse();
                assertThat(projection.get("position").asLong()).isEqualTo(head);
            }
        });
    }

    private Map<String, List<String>> readModelRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            rows.put(table, readModel.sql("SELECT t::text FROM " + table + " t ORDER BY 1").query(String.class).list());
        }
        return rows;
    }
}

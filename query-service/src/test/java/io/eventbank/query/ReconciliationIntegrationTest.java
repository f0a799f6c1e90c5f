package io.eventbank.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.RejectionReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With chunks of three aggregates, so that the check reads and compares while the event stream is still open. */
@QueryServiceIntegrationTest
@TestPropertySource(properties = "eventbank.reconciliation.chunk-size=3")
class ReconciliationIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<OrderLine> LINES = List.of(new OrderLine("sku-1", 2, Money.of("12.50")),
            new OrderLine("sku-2", 1, Money.of("5.00")));
    private static final Money TOTAL = Money.of("30.00");

    @Autowired
    RestTestClient http;

    @Autowired
    TestEventStore events;

    @Autowired
    JdbcClient readModel;

    private UUID account;
    private UUID paidOrder;

    /** Every kind of event, an order placed before its account is opened, and an account closed at zero. */
    @BeforeEach
    void seed() {
        account = UUID.randomUUID();
        paidOrder = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        events.order(early, new OrderPlaced(early, account, LINES, TOTAL, "test-owner"));
        events.account(account, new AccountOpened(account, "Robert'); DROP TABLE account_summary;--", "test-owner"),
                new MoneyDeposited(account, Money.of("100.00"), Money.of("100.00")));
        events.account(account, new AccountChargedForOrder(account, early, TOTAL, Money.of("70.00")));
        events.order(early, new OrderPaid(early, account, TOTAL), new OrderShipped(early));
        events.order(cancelled, new OrderPlaced(cancelled, account, LINES, TOTAL, "test-owner"),
                new OrderPaid(cancelled, account, TOTAL));
        events.account(account, new AccountChargedForOrder(account, cancelled, TOTAL, Money.of("40.00")));
        events.order(cancelled, new OrderCancelled(cancelled, account, TOTAL, true));
        events.account(account, new AccountRefundedForOrder(account, cancelled, TOTAL, Money.of("70.00")),
                new MoneyWithdrawn(account, Money.of("0.01"), Money.of("69.99")));
        events.order(paidOrder, new OrderPlaced(paidOrder, account, LINES, TOTAL, "test-owner"),
                new OrderPaid(paidOrder, account, TOTAL));
        events.account(account, new AccountChargedForOrder(account, paidOrder, TOTAL, Money.of("39.99")));
        UUID nobody = UUID.randomUUID();
        events.order(rejected, new OrderPlaced(rejected, nobody, LINES, TOTAL, "test-owner"),
                new OrderRejected(rejected, nobody, RejectionReason.ACCOUNT_NOT_FOUND));
        UUID closed = UUID.randomUUID();
        events.account(closed, new AccountOpened(closed, "<script>alert(1)</script>", "test-owner"), new AccountClosed(closed));
    }

    @Test
    void theReadModelsAgreeWithTheFoldOfEveryEvent() {
        JsonNode report = reconcileWhenCaughtUp();

        assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("mismatchCount").asLong()).isZero();
        assertThat(report.get("mismatches")).isEmpty();
        assertThat(report.get("headPosition").asLong()).isEqualTo(head());
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(head());
        assertThat(report.get("accountsChecked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.get("ordersChecked").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(report.get("ledgerEntriesChecked").asLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyCorruptedRowIsReportedWithWhatTheEventsSay() {
        reconcileWhenCaughtUp();
        UUID stranger = UUID.randomUUID();
        readModel.sql("UPDATE account_summary SET balance = balance + 1 WHERE account_id = ?").param(account).update();
        readModel.sql("DELETE FROM account_ledger_entry WHERE account_id = ? AND sequence = 1").param(account).update();
        readModel.sql("UPDATE account_ledger_entry SET amount = 31 WHERE account_id = ? AND sequence = 2")
                .param(account).update();
        readModel.sql("INSERT INTO account_ledger_entry (account_id, sequence, type, amount, balance_after, "
                      + "occurred_at) VALUES (?, 99, 'DEPOSIT', 1, 1, now())").param(account).update();
        readModel.sql("UPDATE order_summary SET status = 'SHIPPED', customer_name = 'someone else' WHERE order_id = ?")
                .param(paidOrder).update();
        readModel.sql("UPDATE order_line SET quantity = 3 WHERE order_id = ? AND line_no = 1").param(paidOrder).update();
        readModel.sql("INSERT INTO order_summary (order_id, account_id, status, item_count, total, created_at, "
                      + "updated_at) VALUES (?, ?, 'PAID', 0, 1, now(), now())").params(stranger, account).update();
        try {
            JsonNode report = reconcile();

            assertThat(report.get("consistent").asBoolean()).isFalse();
            assertThat(report.get("mismatchCount").asLong()).isEqualTo(8);
            assertThat(mismatches(report)).containsExactlyInAnyOrder(
                    "account " + account + " balance 39.99 40.99",
                    "ledger-entry " + account + ":1 row present missing",
                    "ledger-entry " + account + ":2 amount 30.00 31.00",
                    "ledger-entry " + account + ":99 row absent present",
                    "order " + paidOrder + " customerName Robert'); DROP TABLE account_summary;-- someone else",
                    "order " + paidOrder + " status PAID SHIPPED",
                    "order-line " + paidOrder + ":1 quantity 1 3",
                    "order " + stranger + " row absent present");
        } finally {
            readModel.sql("DELETE FROM order_summary WHERE order_id = ?").param(stranger).update();
            readModel.sql("DELETE FROM account_ledger_entry WHERE account_id = ? AND sequence = 99").param(account)
                    .update();
            for (String projection : List.of("accounts", "orders")) {
                http.post().uri("/api/admin/projections/{name}/replay", projection).exchange()
                        .expectStatus().isAccepted();
            }
        }
        JsonNode repaired = reconcileWhenCaughtUp();
        assertThat(repaired.get("consistent").asBoolean()).as("after a replay: " + repaired).isTrue();
    }

    @Test
    void aLaggingReadModelIsNotCaughtUpAndShowsWhatItMisses() {
        reconcileWhenCaughtUp();
        readModel.sql("CREATE FUNCTION hold_deposits() RETURNS trigger LANGUAGE plpgsql AS $$ "
                      + "BEGIN RAISE EXCEPTION 'held'; END $$").update();
        String ledger = ActiveSlots.schema(readModel, "accounts") + ".account_ledger_entry";
        readModel.sql("CREATE TRIGGER hold_deposits BEFORE INSERT ON " + ledger
                      + " FOR EACH ROW EXECUTE FUNCTION hold_deposits()").update();
        try {
            events.account(account, new MoneyDeposited(account, Money.of("1.00"), Money.of("40.99")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode report = reconcile();
                assertThat(report.get("caughtUp").asBoolean()).isFalse();
                assertThat(mismatches(report)).containsExactlyInAnyOrder("account " + account + " version 7 6",
                        "account " + account + " balance 40.99 39.99",
                        "ledger-entry " + account + ":7 row present missing");
            });
        } finally {
            readModel.sql("DROP TRIGGER hold_deposits ON " + ledger).update();
            readModel.sql("DROP FUNCTION hold_deposits()").update();
        }
        assertThat(reconcileWhenCaughtUp().get("consistent").asBoolean()).isTrue();
    }

    private long head() {
        return events.number("SELECT max(global_index) FROM domain_event_entry");
    }

    private JsonNode reconcileWhenCaughtUp() {
        long head = head();
        List<JsonNode> report = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = reconcile();
            assertThat(answer.get("caughtUp").asBoolean()).as(answer.toString()).isTrue();
            assertThat(answer.get("headPosition").asLong()).isEqualTo(head);
            report.add(answer);
        });
        return report.getLast();
    }

    private JsonNode reconcile() {
        byte[] body = http.get().uri("/api/admin/reconciliation").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> mismatches(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.get("mismatches").forEach(m -> lines.add(String.join(" ", m.get("kind").asText(), m.get("id").asText(),
                m.get("field").asText(), m.get("expected").asText(), m.get("actual").asText())));
        return lines;
    }
}

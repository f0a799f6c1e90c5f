package io.eventbank.query;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.OpenAccount;
import io.eventbank.api.account.LedgerEntryView;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderLineView;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.api.order.PlaceOrder;
import io.eventbank.api.order.RejectionReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The read models hold every value the commands accept at their bounds, and more: an order at every bound, an order
 * stored before the bounds existed, a balance that no bound limits. Each is read back exactly as the events say.
 */
@QueryServiceIntegrationTest
@TestPropertySource(properties = "DB_POOL_SIZE=4")
class BoundsProjectionIntegrationTest {

    private static final Money MAX = Money.of(Money.MAX_AMOUNT);

    @Autowired
    TestEventStore events;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    private ExactReads reads;
    private UUID accountId;

    @BeforeEach
    void openAccount() {
        reads = new ExactReads(port);
        accountId = UUID.randomUUID();
        events.account(accountId, new AccountOpened(accountId, "n".repeat(OpenAccount.MAX_HOLDER_NAME_LENGTH), "test-owner"));
    }

    @Test
    void everyDecimalColumnOfTheReadModelsHoldsAnySumOfAmounts() {
        List<String> columns = jdbc.queryForList("""
                SELECT table_name || '.' || column_name || ' ' || numeric_precision || ',' || numeric_scale
                FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'numeric'
                ORDER BY table_name, column_name""", String.class);
        assertThat(columns).containsExactly("account_ledger_entry.amount 1000,2",
                "account_ledger_entry.balance_after 1000,2", "account_summary.balance 1000,2",
                "order_line.line_total 1000,2", "order_line.unit_price 1000,2", "order_summary.total 1000,2");
    }

    @Test
    void anOrderAtEveryBoundIsStoredExactly() {
        List<OrderLine> lines = new ArrayList<>(Collections.nCopies(PlaceOrder.MAX_LINES - 1,
                new OrderLine("p".repeat(PlaceOrder.MAX_PRODUCT_ID_LENGTH), PlaceOrder.MAX_QUANTITY,
                        Money.of("10000.00"))));
        lines.add(new OrderLine("sku-last", 1, Money.of("10000000000.00")));
        PlaceOrder command = new PlaceOrder(UUID.randomUUID(), accountId, lines);
        assertThat(command.total()).isEqualTo(MAX);

        assertStoredExactly(command.orderId(), lines, command.total());
    }

    @Test
    void anOrderStoredBeforeTheBoundsStillProjects() {
        List<OrderLine> lines = Collections.nCopies(PlaceOrder.MAX_LINES,
                new OrderLine("sku", PlaceOrder.MAX_QUANTITY, MAX));
        Money total = MAX.times(PlaceOrder.MAX_QUANTITY).times(PlaceOrder.MAX_LINES);
        assertThat(total.amount()).isEqualByComparingTo("1E+20");

        assertStoredExactly(UUID.randomUUID(), lines, total);
    }

    @Test
    void aBalanceFarBeyondTheAmountMaximumIsStoredExactly() {
        int deposits = 100_000;
        List<Object> history = new ArrayList<>();
        Money balance = Money.ZERO;
        for (int i = 0; i < deposits; i++) {
            balance = balance.plus(MAX);
            history.add(new MoneyDeposited(accountId, MAX, balance));
        }
        balance = balance.plus(Money.of("0.01"));
        history.add(new MoneyDeposited(accountId, Money.of("0.01"), balance));
        UUID orderId = UUID.randomUUID();
        history.add(new AccountChargedForOrder(accountId, orderId, MAX, balance.minus(MAX)));
        history.add(new AccountRefundedForOrder(accountId, orderId, MAX, balance));
        events.account(accountId, history.toArray());
        long version = history.size();

        await().atMost(Duration.ofMinutes(3)).until(() -> reads.account(accountId)
                .map(AccountView::version).orElse(-1L) == version);

        Money expected = Money.of("100000000000000000.01");
        assertThat(balance).isEqualTo(expected);
        assertThat(reads.account(accountId).orElseThrow().balance()).isEqualTo(expected.amount());
        List<LedgerEntryView> last = List.of(lastEntries(3), lastEntries(2), lastEntries(1));
        assertThat(last).extracting(LedgerEntryView::balanceAfter).containsExactly(
                expected.amount(), expected.minus(MAX).amount(), expected.amount());
        assertThat(last).extracting(LedgerEntryView::amount).containsExactly(
                Money.of("0.01").amount(), MAX.amount(), MAX.amount());
    }

    /** The ledger entry {@code fromTheEnd} places before the end, read from a page of 100 (pages stop at 100,000). */
    private LedgerEntryView lastEntries(int fromTheEnd) {
        int index = (int) reads.account(accountId).orElseThrow().version() - fromTheEnd;
        return reads.transactions(accountId, index / 100, 100).get(index % 100);
    }

    private void assertStoredExactly(UUID orderId, List<OrderLine> lines, Money total) {
        events.order(orderId, new OrderPlaced(orderId, accountId, lines, total, "test-owner"),
                new OrderRejected(orderId, accountId, RejectionReason.INSUFFICIENT_FUNDS));

        await().atMost(Duration.ofSeconds(20)).until(() -> reads.order(orderId).map(OrderView::status)
                .orElse(null) == OrderStatus.REJECTED);

        OrderView view = reads.order(orderId).orElseThrow();
        assertThat(view.total()).isEqualTo(total.amount());
        assertThat(view.items()).isEqualTo(lines.stream().map(line -> new OrderLineView(line.productId(),
                line.quantity(), line.unitPrice().amount(), line.lineTotal().amount())).toList());
        assertThat(reads.orders(accountId)).filteredOn(item -> item.orderId().equals(orderId))
                .extracting(OrderListItemView::itemCount, OrderListItemView::total)
                .containsExactly(tuple(lines.size(), total.amount()));
    }
}

package io.eventbank.query;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.DepositMoney;
import io.eventbank.api.account.LedgerEntryView;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.account.WithdrawMoney;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderLineView;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.api.order.PlaceOrder;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.testsupport.BoundaryValues;
import io.eventbank.testsupport.FreshDatabaseInitializer;
import io.eventbank.testsupport.TestTokensInitializer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.assertj.core.groups.Tuple;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Whatever the commands accept, the read models store: orders and deposits or withdrawals drawn in and around the
 * bounds, kept where the commands (the checks the HTTP edge agrees with) accept them, appended as the aggregates
 * would append their events, projected by the whole query service into one fresh PostgreSQL read model, and read back
 * over HTTP equal to the events, every amount at its scale.
 */
class AcceptedValuesProjectionIntegrationTest {

    private static ConfigurableApplicationContext service;
    private static TestEventStore events;
    private static ExactReads reads;

    /** A deposit or a withdrawal as a client asks for it. */
    private record Transfer(BigDecimal amount, boolean deposit) {
    }

    /** The events an Account aggregate appends, and the ledger entries (amount, balance after) they make. */
    private static final class Account {
        private final UUID accountId;
        private final List<Object> history = new ArrayList<>();
        private final List<Tuple> ledger = new ArrayList<>();
        private Money balance = Money.ZERO;

        Account(UUID accountId) {
            this.accountId = accountId;
            history.add(new AccountOpened(accountId, "Kim Minji", "test-owner"));
        }

        void deposit(Money amount) {
            change(amount, balance.plus(amount), after -> new MoneyDeposited(accountId, amount, after));
        }

        void withdraw(Money amount) {
            change(amount, balance.minus(amount), after -> new MoneyWithdrawn(accountId, amount, after));
        }

        void charge(UUID orderId, Money amount) {
            change(amount, balance.minus(amount), after -> new AccountChargedForOrder(accountId, orderId, amount,
                    after));
        }

        void refund(UUID orderId, Money amount) {
            change(amount, balance.plus(amount), after -> new AccountRefundedForOrder(accountId, orderId, amount,
                    after));
        }

        private void change(Money amount, Money after, Function<Money, Object> event) {
            balance = after;
            history.add(event.apply(after));
            ledger.add(tuple(amount.amount(), after.amount()));
        }
    }

    @BeforeContainer
    static void start() {
        service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .initializers(new FreshDatabaseInitializer(), new FreshEventStoreInitializer(),
                        new TestTokensInitializer())
                .properties("server.port=0", "DB_POOL_SIZE=4", "eventbank.projections.fetch-delay=50ms")
                .run();
        events = new TestEventStore(service.getEnvironment().getRequiredProperty("test.eventstore.url"));
        reads = new ExactReads(service.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    @Property(tries = 30)
    void whatTheCommandsAcceptIsStoredExactly(@ForAll("acceptedOrders") List<OrderLine> lines,
                                              @ForAll("transfers") List<Transfer> transfers) {
        UUID accountId = UUID.randomUUID();
        PlaceOrder order = new PlaceOrder(UUID.randomUUID(), accountId, lines);
        Account account = new Account(accountId);
        for (Transfer transfer : transfers) {
            accepted(transfer).ifPresent(amount -> {
                if (transfer.deposit()) {
                    account.deposit(amount);
                } else if (!account.balance.isLessThan(amount)) {
                    account.withdraw(amount);
                }
            });
        }
        UUID orderId = order.orderId();
        Money total = order.total();
        Money balance = account.balance;
        boolean paid = !balance.isLessThan(total);
        events.order(orderId, new OrderPlaced(orderId, accountId, order.lines(), total, "test-owner"));
        if (paid) {
            account.charge(orderId, total);
            account.refund(orderId, total);
            events.order(orderId, new OrderPaid(orderId, accountId, total),
                    new OrderCancelled(orderId, accountId, total, true));
        } else {
            events.order(orderId, new OrderRejected(orderId, accountId, RejectionReason.INSUFFICIENT_FUNDS));
        }
        events.account(accountId, account.history.toArray());

        OrderStatus status = paid ? OrderStatus.CANCELLED : OrderStatus.REJECTED;
        long version = account.history.size() - 1;
        await().atMost(Duration.ofSeconds(20)).until(() -> reads.order(orderId).map(OrderView::status)
                .orElse(null) == status && reads.account(accountId).map(AccountView::version).orElse(-1L) == version);

        OrderView view = reads.order(orderId).orElseThrow();
        assertThat(view.items()).isEqualTo(order.lines().stream().map(line -> new OrderLineView(line.productId(),
                line.quantity(), line.unitPrice().amount(), line.lineTotal().amount())).toList());
        assertThat(view.total()).isEqualTo(total.amount());
        OrderListItemView listed = reads.orders(accountId).getFirst();
        assertThat(listed.itemCount()).isEqualTo(order.lines().size());
        assertThat(listed.total()).isEqualTo(total.amount());
        assertThat(reads.account(accountId).orElseThrow().balance()).isEqualTo(balance.amount());
        assertThat(reads.transactions(accountId, 0, 100))
                .extracting(LedgerEntryView::amount, LedgerEntryView::balanceAfter)
                .containsExactlyElementsOf(account.ledger);

        Statistics.collect(paid ? "paid" : "rejected", balance.isAllowedAmount() ? "balance within an amount"
                : "balance beyond an amount");
        Statistics.coverage(coverage -> {
            coverage.check("paid", "balance beyond an amount").count(count -> count >= 1);
            coverage.check("rejected", "balance within an amount").count(count -> count >= 1);
        });
    }

    /** The transfer's amount if the command takes it, as a client's request does or does not pass the edge. */
    private static Optional<Money> accepted(Transfer transfer) {
        try {
            Money amount = Money.of(transfer.amount());
            return Optional.of(transfer.deposit() ? new DepositMoney(UUID.randomUUID(), amount, null).amount()
                    : new WithdrawMoney(UUID.randomUUID(), amount, null).amount());
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<List<OrderLine>> acceptedOrders() {
        return BoundaryValues.orderLines().map(AcceptedValuesProjectionIntegrationTest::accepted)
                .filter(Optional::isPresent).map(Optional::get);
    }

    /** The lines, if the order command takes them. */
    private static Optional<List<OrderLine>> accepted(List<BoundaryValues.Line> lines) {
        try {
            return Optional.of(new PlaceOrder(UUID.randomUUID(), UUID.randomUUID(), lines.stream()
                    .map(line -> new OrderLine(line.productId(), line.quantity(), Money.of(line.unitPrice())))
                    .toList()).lines());
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<List<Transfer>> transfers() {
        return Arbitraries.oneOf(BoundaryValues.amounts().map(amount -> new Transfer(amount, true)),
                        BoundaryValues.amounts().map(amount -> new Transfer(amount, false)))
                .list().ofMinSize(1).ofMaxSize(20);
    }
}

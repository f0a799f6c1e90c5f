package io.eventbank.command.account;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.ChargeAccountForOrder;
import io.eventbank.api.account.CloseAccount;
import io.eventbank.api.account.DepositMoney;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.account.RefundAccountForOrder;
import io.eventbank.api.account.WithdrawMoney;
import io.eventbank.api.common.Money;
import io.eventbank.testsupport.BoundaryValues;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.eventbank.command.actor.TestCallers.OWNER;
import static io.eventbank.command.actor.TestCallers.adminByDefault;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences against the Account through Axon's fixture, each command given every event so far.
 * Whatever the sequence: the balance never goes below zero, every {@code balanceAfter} is the running sum of the
 * amounts, an order is charged at most once and refunded at most what it was charged, nothing but a refund happens
 * after closing, and closing happens only at zero. Amounts around the bounds: the HTTP edge and the commands agree
 * on each.
 */
class AccountPropertiesTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final List<UUID> ORDERS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Property(tries = 200)
    void everyCommandSequenceKeepsTheAccountInvariants(@ForAll("commands") @Size(max = 30) List<Object> commands) {
        List<Object> history = List.of(new AccountOpened(ACCOUNT, "Kim Minji", OWNER));
        for (Object command : commands) {
            AggregateTestFixture<Account> fixture = adminByDefault(new AggregateTestFixture<>(Account.class));
            fixture.given(history).when(command);
            history = fixture.getEventStore().readEvents(ACCOUNT.toString()).asStream()
                    .map(EventMessage::getPayload).map(Object.class::cast).toList();
            assertInvariants(history);
        }
    }

    private static void assertInvariants(List<Object> history) {
        BigDecimal balance = BigDecimal.ZERO;
        boolean closed = false;
        Map<UUID, BigDecimal> charged = new HashMap<>();
        Map<UUID, BigDecimal> refunded = new HashMap<>();
        for (Object event : history) {
            assertThat(closed && !(event instanceof AccountRefundedForOrder))
                    .as("nothing but a refund happens after closing: " + event).isFalse();
            switch (event) {
                case MoneyDeposited e -> balance = running(balance.add(e.amount().amount()), e.balanceAfter());
                case MoneyWithdrawn e -> balance = running(balance.subtract(e.amount().amount()), e.balanceAfter());
                case AccountChargedForOrder e -> {
                    assertThat(charged.put(e.orderId(), e.amount().amount())).as("charged once").isNull();
                    balance = running(balance.subtract(e.amount().amount()), e.balanceAfter());
                }
                case AccountRefundedForOrder e -> {
                    assertThat(refunded.put(e.orderId(), e.amount().amount())).as("refunded once").isNull();
                    assertThat(e.amount().amount()).as("refund equals the charge")
                            .isEqualByComparingTo(charged.get(e.orderId()));
                    balance = running(balance.add(e.amount().amount()), e.balanceAfter());
                }
                case AccountClosed e -> {
                    assertThat(balance).as("closed only at zero").isEqualByComparingTo(BigDecimal.ZERO);
                    closed = true;
                }
                default -> { }
            }
            assertThat(balance.signum()).as("balance never negative").isGreaterThanOrEqualTo(0);
        }
    }

    private static BigDecimal running(BigDecimal sum, Money balanceAfter) {
        assertThat(balanceAfter.amount()).as("balanceAfter is the running sum").isEqualByComparingTo(sum);
        return sum;
    }

    /** The HTTP edge (Bean Validation of the request) and the commands accept the same amounts around the bounds. */
    @Property(tries = 100)
    void theEdgeAcceptsAnAmountExactlyWhenTheCommandsDo(@ForAll("amounts") BigDecimal amount) {
        boolean edgeAccepts = VALIDATOR.validate(new AccountController.AmountRequest(amount)).isEmpty();
        boolean commandsAccept;
        try {
            new DepositMoney(ACCOUNT, Money.of(amount), null);
            new WithdrawMoney(ACCOUNT, Money.of(amount), null);
            commandsAccept = true;
        } catch (IllegalArgumentException e) {
            commandsAccept = false;
        }
        assertThat(commandsAccept).as(amount.toPlainString()).isEqualTo(edgeAccepts);
        Statistics.collect(edgeAccepts ? "accepted" : "refused");
        Statistics.coverage(coverage -> {
            coverage.check("accepted").percentage(percent -> percent > 10);
            coverage.check("refused").percentage(percent -> percent > 10);
        });
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return BoundaryValues.amounts();
    }

    @Provide
    Arbitrary<List<Object>> commands() {
        Arbitrary<Money> amounts = Arbitraries.bigDecimals().between(BigDecimal.valueOf(0.01), BigDecimal.valueOf(500))
                .ofScale(2).map(Money::of);
        Arbitrary<UUID> orders = Arbitraries.of(ORDERS);
        Arbitrary<Object> command = Arbitraries.oneOf(
                amounts.map(a -> new DepositMoney(ACCOUNT, a, null)),
                amounts.map(a -> new WithdrawMoney(ACCOUNT, a, null)),
                Combinators.combine(orders, amounts).as((o, a) -> new ChargeAccountForOrder(ACCOUNT, o, a)),
                Combinators.combine(orders, amounts).as((o, a) -> new RefundAccountForOrder(ACCOUNT, o, a)),
                Arbitraries.just(new CloseAccount(ACCOUNT, null)));
        return command.list();
    }
}

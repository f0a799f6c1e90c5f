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
import io.eventbank.api.account.OpenAccount;
import io.eventbank.api.account.RefundAccountForOrder;
import io.eventbank.api.account.WithdrawMoney;
import io.eventbank.api.common.Money;
import io.eventbank.command.rules.VersionMismatchException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final UUID ORDER = UUID.randomUUID();

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    private static Money won(long amount) {
        return Money.of(amount);
    }

    @Test
    void canOpenAnAccount() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "Kim Minji"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountOpened(ACCOUNT, "Kim Minji"));
    }

    @Test
    void seedExampleRebuildsBalanceFromFourEvents() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"),
                        new MoneyDeposited(ACCOUNT, won(10000), won(10000)),
                        new MoneyDeposited(ACCOUNT, won(50000), won(60000)),
                        new MoneyWithdrawn(ACCOUNT, won(10000), won(50000)))
                .when(new WithdrawMoney(ACCOUNT, won(50000), null))
                .expectEvents(new MoneyWithdrawn(ACCOUNT, won(50000), won(0)))
                .expectState(account -> assertThat(account).extracting("balance").isEqualTo(won(0)));
    }

    @Test
    void canDeposit() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"))
                .when(new DepositMoney(ACCOUNT, won(10000), null))
                .expectResultMessagePayload(1L)
                .expectEvents(new MoneyDeposited(ACCOUNT, won(10000), won(10000)));
    }

    @Test
    void canWithdrawWithinBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(100), won(100)))
                .when(new WithdrawMoney(ACCOUNT, won(100), null))
                .expectResultMessagePayload(2L)
                .expectEvents(new MoneyWithdrawn(ACCOUNT, won(100), won(0)));
    }

    @Test
    void cannotWithdrawMoreThanBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(100), won(100)))
                .when(new WithdrawMoney(ACCOUNT, Money.of("100.01"), null))
                .expectException(AccountRuleViolations.InsufficientFunds.class)
                .expectNoEvents();
    }

    @Test
    void canCloseAtZeroBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"))
                .when(new CloseAccount(ACCOUNT, null))
                .expectEvents(new AccountClosed(ACCOUNT));
    }

    @Test
    void cannotCloseWithMoneyLeft() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(1), won(1)))
                .when(new CloseAccount(ACCOUNT, null))
                .expectException(AccountRuleViolations.NonZeroBalance.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesDeposits() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new AccountClosed(ACCOUNT))
                .when(new DepositMoney(ACCOUNT, won(1), null))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesWithdrawals() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new AccountClosed(ACCOUNT))
                .when(new WithdrawMoney(ACCOUNT, won(1), null))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesClosingAgain() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new AccountClosed(ACCOUNT))
                .when(new CloseAccount(ACCOUNT, null))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesCharges() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new AccountClosed(ACCOUNT))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(1)))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void matchingIfMatchVersionIsAccepted() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(5), won(5)))
                .when(new DepositMoney(ACCOUNT, won(5), 1L))
                .expectEvents(new MoneyDeposited(ACCOUNT, won(5), won(10)));
    }

    @Test
    void staleIfMatchVersionIsRefused() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(5), won(5)))
                .when(new WithdrawMoney(ACCOUNT, won(5), 0L))
                .expectException(VersionMismatchException.class)
                .expectNoEvents();
    }

    @Test
    void canChargeForAnOrder() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(30), won(30)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectEvents(new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)));
    }

    @Test
    void cannotChargeMoreThanBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(20), won(20)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectException(AccountRuleViolations.InsufficientFunds.class)
                .expectNoEvents();
    }

    @Test
    void chargingTheSameOrderTwiceChargesOnce() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(30), won(30)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRefundACharge() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(30), won(30)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectEvents(new AccountRefundedForOrder(ACCOUNT, ORDER, won(25), won(30)));
    }

    @Test
    void refundingTwiceRefundsOnce() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(30), won(30)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)),
                        new AccountRefundedForOrder(ACCOUNT, ORDER, won(25), won(30)))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRefundAnOrderThatWasNeverCharged() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closedAccountStillTakesARefundOwedToIt() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji"), new MoneyDeposited(ACCOUNT, won(25), won(25)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(0)), new AccountClosed(ACCOUNT))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectEvents(new AccountRefundedForOrder(ACCOUNT, ORDER, won(25), won(25)));
    }
}

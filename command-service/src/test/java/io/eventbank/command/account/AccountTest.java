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
import io.eventbank.command.actor.TestCallers;
import io.eventbank.command.rules.VersionMismatchException;
import io.eventbank.identity.Role;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.eventbank.command.actor.TestCallers.OWNER;
import static io.eventbank.command.actor.TestCallers.adminByDefault;
import static org.assertj.core.api.Assertions.assertThat;

class AccountTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final UUID ORDER = UUID.randomUUID();

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = adminByDefault(new AggregateTestFixture<>(Account.class));
    }

    private static Money won(long amount) {
        return Money.of(amount);
    }

    @Test
    void canOpenAnAccount() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "Kim Minji", OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountOpened(ACCOUNT, "Kim Minji", OWNER));
    }

    @Test
    void seedExampleRebuildsBalanceFromFourEvents() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER),
                        new MoneyDeposited(ACCOUNT, won(10000), won(10000)),
                        new MoneyDeposited(ACCOUNT, won(50000), won(60000)),
                        new MoneyWithdrawn(ACCOUNT, won(10000), won(50000)))
                .when(new WithdrawMoney(ACCOUNT, won(50000), null))
                .expectEvents(new MoneyWithdrawn(ACCOUNT, won(50000), won(0)))
                .expectState(account -> assertThat(account).extracting("balance").isEqualTo(won(0)));
    }

    @Test
    void canDeposit() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER))
                .when(new DepositMoney(ACCOUNT, won(10000), null))
                .expectResultMessagePayload(1L)
                .expectEvents(new MoneyDeposited(ACCOUNT, won(10000), won(10000)));
    }

    @Test
    void canWithdrawWithinBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(100), won(100)))
                .when(new WithdrawMoney(ACCOUNT, won(100), null))
                .expectResultMessagePayload(2L)
                .expectEvents(new MoneyWithdrawn(ACCOUNT, won(100), won(0)));
    }

    @Test
    void cannotWithdrawMoreThanBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(100), won(100)))
                .when(new WithdrawMoney(ACCOUNT, Money.of("100.01"), null))
                .expectException(AccountRuleViolations.InsufficientFunds.class)
                .expectNoEvents();
    }

    @Test
    void canCloseAtZeroBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER))
                .when(new CloseAccount(ACCOUNT, null))
                .expectEvents(new AccountClosed(ACCOUNT));
    }

    @Test
    void cannotCloseWithMoneyLeft() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(1), won(1)))
                .when(new CloseAccount(ACCOUNT, null))
                .expectException(AccountRuleViolations.NonZeroBalance.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesDeposits() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new AccountClosed(ACCOUNT))
                .when(new DepositMoney(ACCOUNT, won(1), null))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesWithdrawals() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new AccountClosed(ACCOUNT))
                .when(new WithdrawMoney(ACCOUNT, won(1), null))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesClosingAgain() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new AccountClosed(ACCOUNT))
                .when(new CloseAccount(ACCOUNT, null))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void closedAccountRefusesCharges() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new AccountClosed(ACCOUNT))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(1)))
                .expectException(AccountRuleViolations.AccountClosed.class)
                .expectNoEvents();
    }

    @Test
    void matchingIfMatchVersionIsAccepted() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(5), won(5)))
                .when(new DepositMoney(ACCOUNT, won(5), 1L))
                .expectEvents(new MoneyDeposited(ACCOUNT, won(5), won(10)));
    }

    @Test
    void staleIfMatchVersionIsRefused() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(5), won(5)))
                .when(new WithdrawMoney(ACCOUNT, won(5), 0L))
                .expectException(VersionMismatchException.class)
                .expectNoEvents();
    }

    @Test
    void canChargeForAnOrder() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(30), won(30)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectEvents(new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)));
    }

    @Test
    void cannotChargeMoreThanBalance() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(20), won(20)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectException(AccountRuleViolations.InsufficientFunds.class)
                .expectNoEvents();
    }

    @Test
    void chargingTheSameOrderTwiceChargesOnce() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(30), won(30)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRefundACharge() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(30), won(30)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectEvents(new AccountRefundedForOrder(ACCOUNT, ORDER, won(25), won(30)));
    }

    @Test
    void refundingTwiceRefundsOnce() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(30), won(30)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)),
                        new AccountRefundedForOrder(ACCOUNT, ORDER, won(25), won(30)))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRefundAnOrderThatWasNeverCharged() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closedAccountStillTakesARefundOwedToIt() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(25), won(25)),
                        new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(0)), new AccountClosed(ACCOUNT))
                .when(new RefundAccountForOrder(ACCOUNT, ORDER, won(25)))
                .expectEvents(new AccountRefundedForOrder(ACCOUNT, ORDER, won(25), won(25)));
    }

    @Test
    void aCustomerOperatesItsOwnAccount() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER))
                .when(new DepositMoney(ACCOUNT, won(10), null), TestCallers.as(OWNER, Role.CUSTOMER))
                .expectEvents(new MoneyDeposited(ACCOUNT, won(10), won(10)));
    }

    @Test
    void anotherCustomersCommandsAreRefusedAsIfTheAccountDidNotExist() {
        for (Object command : List.of(new DepositMoney(ACCOUNT, won(10), null),
                new WithdrawMoney(ACCOUNT, won(10), null), new CloseAccount(ACCOUNT, null))) {
            fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(10), won(10)))
                    .when(command, TestCallers.as("customer-2", Role.CUSTOMER))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void anAccountNoCustomerOwnsIsReachedByTellersOnly() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", null))
                .when(new DepositMoney(ACCOUNT, won(10), null), TestCallers.as(OWNER, Role.CUSTOMER))
                .expectException(AggregateNotFoundException.class);
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", null))
                .when(new DepositMoney(ACCOUNT, won(10), null), TestCallers.as("teller-1", Role.TELLER))
                .expectEvents(new MoneyDeposited(ACCOUNT, won(10), won(10)));
    }

    @Test
    void theSagasChargeNeedsNoCaller() {
        fixture.given(new AccountOpened(ACCOUNT, "Kim Minji", OWNER), new MoneyDeposited(ACCOUNT, won(30), won(30)))
                .when(new ChargeAccountForOrder(ACCOUNT, ORDER, won(25)), TestCallers.as(OWNER, Role.CUSTOMER))
                .expectEvents(new AccountChargedForOrder(ACCOUNT, ORDER, won(25), won(5)));
    }
}

package io.eventbank.query.account;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.AccountStatus;
import io.eventbank.api.account.LedgerEntryType;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import io.eventbank.query.projection.Slot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The account projection's handlers, called directly on the rows of one batch, without a database. */
class AccountProjectionTest {

    private static final Instant OPENED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-02T10:30:00Z");

    private final AccountWrites batch = new AccountWrites(null, "accounts_blue", List.of()) {
        @Override
        protected void load(Set<UUID> ids) {
            // an empty read model: no account has a row yet
        }
    };
    private final AccountProjection projection = new AccountProjection(null, null, null, Slot.BLUE, () -> batch, null);
    private final UUID accountId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();

    @Test
    void everyBalanceChangeMovesTheSummaryAndAddsALedgerEntry() {
        projection.on(new AccountOpened(accountId, "Kim Minji", "test-owner"), 0, OPENED);
        projection.on(new MoneyDeposited(accountId, Money.of(100), Money.of(100)), 1, LATER, "teller-1");
        projection.on(new MoneyWithdrawn(accountId, Money.of(30), Money.of(70)), 2, LATER, "teller-1");
        projection.on(new AccountChargedForOrder(accountId, orderId, Money.of("25.50"), Money.of("44.50")), 3, LATER,
                "customer-1");
        projection.on(new AccountRefundedForOrder(accountId, orderId, Money.of("25.50"), Money.of(70)), 4, LATER,
                "customer-1");

        AccountWrites.Summary summary = batch.summary(accountId);
        assertThat(summary.balance()).isEqualByComparingTo("70.00");
        assertThat(summary.version()).isEqualTo(4);
        assertThat(summary.status()).isEqualTo(AccountStatus.OPEN);
        assertThat(batch.pendingLedger()).extracting(AccountWrites.Entry::type, AccountWrites.Entry::sequence,
                        entry -> entry.balanceAfter().toPlainString(), AccountWrites.Entry::orderId,
                        AccountWrites.Entry::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LedgerEntryType.DEPOSIT, 1L, "100.00", null, "teller-1"),
                        org.assertj.core.groups.Tuple.tuple(LedgerEntryType.WITHDRAWAL, 2L, "70.00", null, "teller-1"),
                        org.assertj.core.groups.Tuple.tuple(LedgerEntryType.ORDER_PAYMENT, 3L, "44.50", orderId,
                                "customer-1"),
                        org.assertj.core.groups.Tuple.tuple(LedgerEntryType.ORDER_REFUND, 4L, "70.00", orderId,
                                "customer-1"));
    }

    @Test
    void theProjectionKeepsWhatTheFoldOfTheEventsSays() {
        List<Object> events = List.of(new AccountOpened(accountId, "Kim Minji", "test-owner"),
                new MoneyDeposited(accountId, Money.of("250.75"), Money.of("250.75")),
                new AccountChargedForOrder(accountId, orderId, Money.of("50.75"), Money.of(200)),
                new MoneyWithdrawn(accountId, Money.of(200), Money.of(0)),
                new AccountClosed(accountId));
        AccountFold fold = new AccountFold(accountId);
        for (int sequence = 0; sequence < events.size(); sequence++) {
            fold.apply(events.get(sequence), sequence);
            handle(events.get(sequence), sequence);
        }

        AccountWrites.Summary summary = batch.summary(accountId);
        assertThat(fold.disagreements()).isEmpty();
        assertThat(summary.balance()).isEqualByComparingTo(fold.balance());
        assertThat(summary.status()).isEqualTo(fold.status());
        assertThat(summary.version()).isEqualTo(fold.version());
        assertThat(batch.pendingLedger()).extracting(AccountWrites.Entry::sequence, AccountWrites.Entry::type,
                        AccountWrites.Entry::amount, AccountWrites.Entry::balanceAfter, AccountWrites.Entry::orderId)
                .containsExactlyElementsOf(fold.ledger().stream().map(entry -> org.assertj.core.groups.Tuple.tuple(
                        entry.sequence(), entry.type(), entry.amount(), entry.balanceAfter(), entry.orderId()))
                        .toList());
    }

    private void handle(Object event, long sequence) {
        switch (event) {
            case AccountOpened opened -> projection.on(opened, sequence, LATER);
            case MoneyDeposited deposited -> projection.on(deposited, sequence, LATER, "teller-1");
            case MoneyWithdrawn withdrawn -> projection.on(withdrawn, sequence, LATER, "teller-1");
            case AccountChargedForOrder charged -> projection.on(charged, sequence, LATER, "teller-1");
            case AccountRefundedForOrder refunded -> projection.on(refunded, sequence, LATER, "teller-1");
            case AccountClosed closed -> projection.on(closed, sequence, LATER);
            default -> throw new IllegalArgumentException(event.toString());
        }
    }

    @Test
    void closingMarksTheSummaryWithoutALedgerEntry() {
        projection.on(new AccountOpened(accountId, "Kim Minji", "test-owner"), 0, OPENED);
        projection.on(new AccountClosed(accountId), 1, LATER);

        assertThat(batch.summary(accountId).status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(batch.summary(accountId).version()).isEqualTo(1);
        assertThat(batch.pendingLedger()).isEmpty();
    }

    @Test
    void aDepositOutOfStepWithTheSummaryIsRefusedAndChangesNothing() {
        projection.on(new AccountOpened(accountId, "Kim Minji", "test-owner"), 0, OPENED);

        assertThatThrownBy(() -> projection.on(new MoneyDeposited(accountId, Money.of(10), Money.of(15)), 1, LATER, "teller-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("out of step");
        assertThat(batch.summary(accountId).balance()).isEqualByComparingTo("0");
        assertThat(batch.pendingLedger()).isEmpty();
    }

    @Test
    void anEventOfAnAccountNeverOpenedIsRefused() {
        assertThatThrownBy(() -> projection.on(new MoneyDeposited(accountId, Money.of(10), Money.of(10)), 1, LATER, "teller-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no summary");
    }

    @Test
    void anAccountOpenedTwiceIsRefused() {
        projection.on(new AccountOpened(accountId, "Kim Minji", "test-owner"), 0, OPENED);

        assertThatThrownBy(() -> projection.on(new AccountOpened(accountId, "Kim Minji", "test-owner"), 0, OPENED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }
}

package io.eventbank.query.account;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.AccountStatementView;
import io.eventbank.api.account.FindAccountAsOfQuery;
import io.eventbank.api.account.FindAccountQuery;
import io.eventbank.api.account.FindAccountStatementQuery;
import io.eventbank.api.account.FindAccountTransactionsQuery;
import io.eventbank.api.account.FindAccountsQuery;
import io.eventbank.api.account.LedgerEntryType;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import io.eventbank.api.common.ResultPage;
import io.eventbank.query.projection.BatchWrites;
import io.eventbank.query.projection.ProjectionNames;
import io.eventbank.query.projection.Slot;
import io.eventbank.query.projection.SlottedProjection;
import io.eventbank.query.web.ResultPages;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Projects the Account events into the account summaries and their ledgers, and answers the account queries.
 * Every value comes from the event or its metadata, so a replay writes the same rows again. The handlers change rows
 * in memory; each batch writes them with a few statements before it commits ({@link AccountWrites}), into the tables
 * of its slot. The bean serves the blue slot and the queries, which read the active slot through the public views.
 */
@Component
@ProcessingGroup(ProjectionNames.ACCOUNTS)
class AccountProjection implements SlottedProjection {

    /** Who performed a change: the event's {@code actor} metadata; absent in events stored before actors were. */
    private static final String ACTOR = "actor";
    private static final Sort OLDEST_FIRST = Sort.by("openedAt", "accountId");
    private static final Sort BY_SEQUENCE = Sort.by("id.sequence");

    private final AccountSummaryRepository accounts;
    private final LedgerEntryRepository ledger;
    private final JdbcTemplate jdbc;
    private final Slot slot;
    private final Supplier<AccountWrites> writes;
    private final AccountTimeline timeline;

    @Autowired
    AccountProjection(AccountSummaryRepository accounts, LedgerEntryRepository ledger, JdbcTemplate jdbc,
                      AccountTimeline timeline) {
        this(accounts, ledger, jdbc, Slot.BLUE, timeline);
    }

    private AccountProjection(AccountSummaryRepository accounts, LedgerEntryRepository ledger, JdbcTemplate jdbc,
                              Slot slot, AccountTimeline timeline) {
        this(accounts, ledger, jdbc, slot, BatchWrites.inUnitOfWork(AccountWrites.class,
                batch -> new AccountWrites(jdbc, slot.schema(ProjectionNames.ACCOUNTS), batch)), timeline);
    }

    AccountProjection(AccountSummaryRepository accounts, LedgerEntryRepository ledger, JdbcTemplate jdbc, Slot slot,
                      Supplier<AccountWrites> writes, AccountTimeline timeline) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.slot = slot;
        this.writes = writes;
        this.timeline = timeline;
    }

    @Override
    public String projection() {
        return ProjectionNames.ACCOUNTS;
    }

    @Override
    public Slot slot() {
        return slot;
    }

    @Override
    public SlottedProjection inSlot(Slot slot) {
        return new AccountProjection(accounts, ledger, jdbc, slot, timeline);
    }

    @EventHandler
    void on(AccountOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.get().opened(event.accountId(), event.holderName(), event.owner(), sequence, at);
    }

    @EventHandler
    void on(MoneyDeposited event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(ACTOR) String actor) {
        balanceChanged(event.accountId(), sequence, at, LedgerEntryType.DEPOSIT, event.amount(),
                event.balanceAfter(), null, actor);
    }

    @EventHandler
    void on(MoneyWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(ACTOR) String actor) {
        balanceChanged(event.accountId(), sequence, at, LedgerEntryType.WITHDRAWAL, event.amount(),
                event.balanceAfter(), null, actor);
    }

    @EventHandler
    void on(AccountChargedForOrder event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(ACTOR) String actor) {
        balanceChanged(event.accountId(), sequence, at, LedgerEntryType.ORDER_PAYMENT, event.amount(),
                event.balanceAfter(), event.orderId(), actor);
    }

    @EventHandler
    void on(AccountRefundedForOrder event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(ACTOR) String actor) {
        balanceChanged(event.accountId(), sequence, at, LedgerEntryType.ORDER_REFUND, event.amount(),
                event.balanceAfter(), event.orderId(), actor);
    }

    @EventHandler
    void on(AccountClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        AccountWrites batch = writes.get();
        batch.closed(summary(batch, event.accountId()), sequence, at);
    }

    /**
     * The event says what the balance became; the summary must agree with it before the change, or the read model
     * has missed, doubled or been edited past an event, and writing on would spread the error. The event is refused
     * (and dead-lettered) instead.
     */
    private void balanceChanged(UUID accountId, long sequence, Instant at, LedgerEntryType type, Money amount,
                                Money balanceAfter, UUID orderId, String actor) {
        AccountWrites batch = writes.get();
        AccountWrites.Summary summary = summary(batch, accountId);
        BigDecimal expected = type.applyTo(summary.balance(), amount.amount());
        if (expected.compareTo(balanceAfter.amount()) != 0) {
            throw new IllegalStateException("account " + accountId + " is out of step: the read model's balance "
                    + summary.balance() + " after " + type + " of " + amount + " would be " + expected
                    + ", the event says " + balanceAfter);
        }
        summary.balanceChanged(balanceAfter.amount(), sequence, at);
        batch.ledgerEntry(accountId, sequence, type, amount.amount(), balanceAfter.amount(), orderId, actor, at);
    }

    private static AccountWrites.Summary summary(AccountWrites writes, UUID accountId) {
        AccountWrites.Summary summary = writes.summary(accountId);
        if (summary == null) {
            throw new IllegalStateException("no summary of account " + accountId + " to update");
        }
        return summary;
    }

    @QueryHandler
    Optional<AccountView> handle(FindAccountQuery query) {
        return readable(query.accountId(), query.owner()).map(AccountSummary::toView);
    }

    @QueryHandler
    Optional<AccountView> handle(FindAccountAsOfQuery query) {
        return readable(query.accountId(), query.owner()).flatMap(account -> timeline.asOf(account, query.asOf()));
    }

    @QueryHandler
    Optional<AccountStatementView> handle(FindAccountStatementQuery query) {
        return readable(query.accountId(), query.owner())
                .map(account -> timeline.statement(query.accountId(), query.from(), query.to()));
    }

    private Optional<AccountSummary> readable(UUID accountId, String owner) {
        return accounts.findById(accountId).filter(account -> account.isReadableBy(owner));
    }

    /** Raw, as Axon matches a query's response type against a class only, never a parameterized type. */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    ResultPage handle(FindAccountsQuery query) {
        PageRequest page = PageRequest.of(query.page(), query.size(), OLDEST_FIRST);
        return ResultPages.of((query.owner() == null ? accounts.findAll(page) : accounts.findByOwner(query.owner(), page))
                .map(AccountSummary::toView));
    }

    @QueryHandler
    @SuppressWarnings("rawtypes")
    Optional<ResultPage> handle(FindAccountTransactionsQuery query) {
        if (readable(query.accountId(), query.owner()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ResultPages.of(ledger.findByIdAccountId(query.accountId(),
                PageRequest.of(query.page(), query.size(), BY_SEQUENCE)).map(LedgerEntry::toView)));
    }
}

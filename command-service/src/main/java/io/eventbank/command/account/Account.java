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
import io.eventbank.command.actor.ActorMetadata;
import io.eventbank.command.rules.VersionMismatchException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A bank account whose only state is the replay of its events. Command handlers check the rules and apply an
 * event; event sourcing handlers only set state. Each command handler answers the version after it. The commands of
 * a caller are refused like those to a missing account unless the caller may act on the owner's accounts; the
 * saga's charges and refunds are not a caller's. Its revision is that of its snapshots: a change of its fields raises
 * it, and older snapshots are skipped (docs/evolution.md).
 */
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "accountSnapshotTrigger", cache = "aggregateCache")
class Account {

    @AggregateIdentifier
    private UUID accountId;
    /** The subject of the customer who owns it; {@code null}: no customer does. */
    private String owner;
    private Money balance;
    private boolean closed;
    /** What each order was charged, and which were refunded: a repeated charge or refund changes nothing. */
    private Map<UUID, Money> chargedOrders = new HashMap<>();
    private Set<UUID> refundedOrders = new HashSet<>();

    protected Account() {
    }

    @CommandHandler
    Account(OpenAccount command) {
        apply(new AccountOpened(command.accountId(), command.holderName(), command.owner()),
                ActorMetadata.onBehalfOf(command.owner()));
    }

    @CommandHandler
    long handle(DepositMoney command, MetaData metaData) {
        ActorMetadata.requireAccess(metaData, accountId, owner);
        checkWritable(command.expectedVersion());
        applyForOwner(new MoneyDeposited(accountId, command.amount(), balance.plus(command.amount())));
        return getVersion();
    }

    @CommandHandler
    long handle(WithdrawMoney command, MetaData metaData) {
        ActorMetadata.requireAccess(metaData, accountId, owner);
        checkWritable(command.expectedVersion());
        requireFunds(command.amount());
        applyForOwner(new MoneyWithdrawn(accountId, command.amount(), balance.minus(command.amount())));
        return getVersion();
    }

    @CommandHandler
    long handle(CloseAccount command, MetaData metaData) {
        ActorMetadata.requireAccess(metaData, accountId, owner);
        checkWritable(command.expectedVersion());
        if (!balance.isZero()) {
            throw new AccountRuleViolations.NonZeroBalance(accountId, balance);
        }
        applyForOwner(new AccountClosed(accountId));
        return getVersion();
    }

    @CommandHandler
    long handle(ChargeAccountForOrder command) {
        if (chargedOrders.containsKey(command.orderId())) {
            return getVersion();
        }
        checkWritable(null);
        requireFunds(command.amount());
        applyForOwner(new AccountChargedForOrder(accountId, command.orderId(), command.amount(),
                balance.minus(command.amount())));
        return getVersion();
    }

    /**
     * Pays back what the order was charged, whatever amount the command names. A refund is owed even to a closed
     * account's holder, so it is the one command a closed account takes.
     */
    @CommandHandler
    long handle(RefundAccountForOrder command) {
        Money charged = chargedOrders.get(command.orderId());
        if (charged == null || refundedOrders.contains(command.orderId())) {
            return getVersion();
        }
        applyForOwner(new AccountRefundedForOrder(accountId, command.orderId(), charged, balance.plus(charged)));
        return getVersion();
    }

    /** The owner, for placing an order on this account: refused like a missing account if the caller may not. */
    String ownerOperableBy(MetaData metaData) {
        ActorMetadata.requireAccess(metaData, accountId, owner);
        return owner;
    }

    private void checkWritable(Long expectedVersion) {
        if (closed) {
            throw new AccountRuleViolations.AccountClosed(accountId);
        }
        VersionMismatchException.check(expectedVersion, getVersion());
    }

    private void requireFunds(Money amount) {
        if (balance.isLessThan(amount)) {
            throw new AccountRuleViolations.InsufficientFunds(accountId, balance, amount);
        }
    }

    /** Applies the event with the owner of this aggregate, on whose behalf it happens, in its metadata. */
    private void applyForOwner(Object event) {
        apply(event, ActorMetadata.onBehalfOf(owner));
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        owner = event.owner();
        balance = Money.ZERO;
    }

    @EventSourcingHandler
    void on(MoneyDeposited event) {
        balance = balance.plus(event.amount());
    }

    @EventSourcingHandler
    void on(MoneyWithdrawn event) {
        balance = balance.minus(event.amount());
    }

    @EventSourcingHandler
    void on(AccountChargedForOrder event) {
        balance = balance.minus(event.amount());
        chargedOrders.put(event.orderId(), event.amount());
    }

    @EventSourcingHandler
    void on(AccountRefundedForOrder event) {
        balance = balance.plus(event.amount());
        refundedOrders.add(event.orderId());
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        closed = true;
    }
}

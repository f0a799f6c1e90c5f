package io.eventbank.command.account;

import org.axonframework.messaging.MetaData;

import java.util.UUID;

/** Whom an account belongs to, asked of the Account aggregate itself before an order is placed on it. */
@FunctionalInterface
public interface AccountOwners {

    /**
     * The owner of the account ({@code null}: no customer owns it) if the caller the metadata names may operate it;
     * an {@link org.axonframework.modelling.command.AggregateNotFoundException} like that of a missing account if
     * not.
     */
    String ownerOperableBy(UUID accountId, MetaData metaData);
}

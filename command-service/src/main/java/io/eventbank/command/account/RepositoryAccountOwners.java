package io.eventbank.command.account;

import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Loads the account in the unit of work of the command that asks, so its state is current and locked meanwhile. */
@Component
class RepositoryAccountOwners implements AccountOwners {

    private final Repository<Account> accounts;

    RepositoryAccountOwners(Repository<Account> accounts) {
        this.accounts = accounts;
    }

    @Override
    public String ownerOperableBy(UUID accountId, MetaData metaData) {
        return accounts.load(accountId.toString()).invoke(account -> account.ownerOperableBy(metaData));
    }
}

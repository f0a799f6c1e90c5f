package io.eventbank.query.account;

import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.FindAccountQuery;
import io.eventbank.api.account.FindAccountTransactionsQuery;
import io.eventbank.api.account.FindAccountsQuery;
import io.eventbank.api.account.LedgerEntryView;
import io.eventbank.identity.Caller;
import io.eventbank.query.web.NotFoundException;
import io.eventbank.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "accounts", description = "Account summaries and their ledgers")
class AccountController {

    private final QueryGateway queries;

    AccountController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Account summaries, oldest first. */
    @GetMapping
    @Operation(summary = "Account summaries the caller may read, oldest first")
    PagedModel<AccountView> accounts(@ParameterObject Paging paging) {
        return Paging.model(queries.query(new FindAccountsQuery(Caller.required().readableOwner(), paging.page(),
                        paging.size()),
                Paging.<AccountView>resultPage()).join());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account summary")
    AccountView account(@PathVariable UUID id) {
        return queries.query(new FindAccountQuery(id, Caller.required().readableOwner()),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(() -> noAccount(id));
    }

    /** The account's ledger, oldest entry first. */
    @GetMapping("/{id}/transactions")
    @Operation(summary = "The account's ledger, oldest entry first")
    PagedModel<LedgerEntryView> transactions(@PathVariable UUID id, @ParameterObject Paging paging) {
        return Paging.model(queries.query(new FindAccountTransactionsQuery(id,
                                Caller.required().readableOwner(), paging.page(), paging.size()),
                Paging.<LedgerEntryView>optionalResultPage()).join().orElseThrow(() -> noAccount(id)));
    }

    private static NotFoundException noAccount(UUID id) {
        return new NotFoundException("no account with id " + id);
    }
}

package io.eventbank.query.account;

import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.FindAccountQuery;
import io.eventbank.api.account.FindAccountTransactionsQuery;
import io.eventbank.api.account.FindAccountsQuery;
import io.eventbank.api.account.LedgerEntryView;
import io.eventbank.query.web.NotFoundException;
import io.eventbank.query.web.Paging;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private final QueryGateway queries;

    AccountController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Account summaries, oldest first. */
    @GetMapping
    PagedModel<AccountView> accounts(@RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = Paging.DEFAULT_SIZE) int size) {
        return Paging.model(queries.query(new FindAccountsQuery(Paging.page(page), Paging.size(size)),
                Paging.<AccountView>resultPage()).join());
    }

    @GetMapping("/{id}")
    AccountView account(@PathVariable UUID id) {
        return queries.query(new FindAccountQuery(id), ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(() -> noAccount(id));
    }

    /** The account's ledger, oldest entry first. */
    @GetMapping("/{id}/transactions")
    PagedModel<LedgerEntryView> transactions(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = Paging.DEFAULT_SIZE) int size) {
        return Paging.model(queries.query(new FindAccountTransactionsQuery(id, Paging.page(page), Paging.size(size)),
                Paging.<LedgerEntryView>optionalResultPage()).join().orElseThrow(() -> noAccount(id)));
    }

    private static NotFoundException noAccount(UUID id) {
        return new NotFoundException("no account with id " + id);
    }
}

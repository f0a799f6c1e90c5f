package io.eventbank.query.account;

import io.eventbank.api.account.AccountStatementView;
import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.FindAccountAsOfQuery;
import io.eventbank.api.account.FindAccountQuery;
import io.eventbank.api.account.FindAccountStatementQuery;
import io.eventbank.api.account.FindAccountTransactionsQuery;
import io.eventbank.api.account.FindAccountsQuery;
import io.eventbank.api.account.LedgerEntryView;
import io.eventbank.identity.Caller;
import io.eventbank.query.history.EventHistory;
import io.eventbank.query.web.ApiDocs;
import io.eventbank.query.web.NotFoundException;
import io.eventbank.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "accounts", description = "Account summaries, ledgers, statements, history and state as of an instant")
class AccountController {

    static final String TEXT_CSV = "text/csv";
    static final String OPENING_BALANCE = "Statement-Opening-Balance";
    static final String CLOSING_BALANCE = "Statement-Closing-Balance";
    static final String CSV_HEADER = "occurredAt,sequence,type,amount,balanceAfter,orderId";

    private final QueryGateway queries;
    private final EventHistory history;

    AccountController(QueryGateway queries, EventHistory history) {
        this.queries = queries;
        this.history = history;
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
    @Operation(summary = "The account summary, now or as it stood at an instant (asOf)")
    @ApiResponse(responseCode = "200", description = "The account summary")
    AccountView account(@PathVariable UUID id,
                        @Parameter(description = ApiDocs.AS_OF, example = ApiDocs.INSTANT_EXAMPLE)
                        @RequestParam(required = false) Instant asOf) {
        String owner = Caller.required().readableOwner();
        if (asOf != null) {
            return queries.query(new FindAccountAsOfQuery(id, owner, asOf),
                            ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                    .orElseThrow(() -> new NotFoundException("no account with id " + id + " as of " + asOf));
        }
        return queries.query(new FindAccountQuery(id, owner), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join().orElseThrow(() -> noAccount(id));
    }

    /** The account's ledger, oldest entry first. */
    @GetMapping("/{id}/transactions")
    @Operation(summary = "The account's ledger, oldest entry first")
    PagedModel<LedgerEntryView> transactions(@PathVariable UUID id, @ParameterObject Paging paging) {
        return Paging.model(queries.query(new FindAccountTransactionsQuery(id,
                                Caller.required().readableOwner(), paging.page(), paging.size()),
                Paging.<LedgerEntryView>optionalResultPage()).join().orElseThrow(() -> noAccount(id)));
    }

    @GetMapping(path = "/{id}/statement", produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
    @Operation(summary = "The account's statement of a period: opening and closing balance, money in and out, and "
                         + "the ledger entries; JSON, or CSV for Accept: text/csv",
            description = "The opening balance is the account's as of just before 'from', the closing balance as "
                          + "of just before 'to'; the entries are those in between (from inclusive, to exclusive), "
                          + "at most " + AccountTimeline.MAX_STATEMENT_ENTRIES + ". The CSV has the header row "
                          + CSV_HEADER + " and the balances in the headers " + OPENING_BALANCE + " and "
                          + CLOSING_BALANCE + ".")
    @ApiResponse(responseCode = "200", description = "The statement", headers = {
            @Header(name = OPENING_BALANCE, description = "CSV only: the opening balance, e.g. 10000.00",
                    schema = @Schema(type = "string")),
            @Header(name = CLOSING_BALANCE, description = "CSV only: the closing balance, e.g. 50000.00",
                    schema = @Schema(type = "string"))},
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = AccountStatementView.class)),
                    @Content(mediaType = TEXT_CSV, examples = @ExampleObject(value = CSV_HEADER + "\n"
                            + "2026-11-27T10:15:30.000Z,2,DEPOSIT,50000.00,60000.00,\n"))})
    ResponseEntity<?> statement(@PathVariable UUID id,
                                @Parameter(description = "Start of the period, inclusive", example = "2026-11-01T00:00:00Z")
                                @RequestParam Instant from,
                                @Parameter(description = "End of the period, exclusive", example = "2026-12-01T00:00:00Z")
                                @RequestParam Instant to,
                                @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("'from' must not be after 'to'");
        }
        AccountStatementView statement = queries.query(new FindAccountStatementQuery(id,
                        Caller.required().readableOwner(), from, to),
                ResponseTypes.optionalInstanceOf(AccountStatementView.class)).join().orElseThrow(() -> noAccount(id));
        if (!wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statement);
        }
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (LedgerEntryView entry : statement.entries()) {
            csv.append(entry.occurredAt()).append(',').append(entry.sequence()).append(',').append(entry.type())
                    .append(',').append(entry.amount().toPlainString()).append(',')
                    .append(entry.balanceAfter().toPlainString()).append(',')
                    .append(entry.orderId() == null ? "" : entry.orderId()).append('\n');
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(OPENING_BALANCE, statement.openingBalance().toPlainString())
                .header(CLOSING_BALANCE, statement.closingBalance().toPlainString())
                .body(csv.toString());
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The account's events from its first, oldest first: sequence, type, stored revision, "
                         + "timestamp, payload in its current shape, and metadata (actor, correlation and causation)")
    @ApiResponse(responseCode = "200", description = "A page of the account's events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"content": [{"sequence": 1, "type": "MoneyDeposited", "revision": null,
                      "timestamp": "2026-11-27T10:15:30.000Z",
                      "payload": {"accountId": "3f1c0a52-8d7e-4c1b-9a57-0e3b6f0d2a11", "amount": 10000.00,
                                  "balanceAfter": 10000.00},
                      "metadata": {"actor": "customer-1", "actorRole": "customer", "onBehalfOf": "customer-1",
                                   "correlationId": "9b2e...", "causationId": "9b2e..."}}],
                     "page": {"size": 20, "number": 0, "totalElements": 1, "totalPages": 1}}""")))
    PagedModel<EventHistory.Entry> history(@PathVariable UUID id, @ParameterObject Paging paging) {
        queries.query(new FindAccountQuery(id, Caller.required().readableOwner()),
                ResponseTypes.optionalInstanceOf(AccountView.class)).join().orElseThrow(() -> noAccount(id));
        return Paging.model(history.of("Account", id, paging.page(), paging.size()));
    }

    /** CSV when the most preferred type the request accepts that either answer has is text/csv; JSON otherwise. */
    private static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        MediaType csv = MediaType.parseMediaType(TEXT_CSV);
        return accepted.stream().filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .filter(type -> type.includes(MediaType.APPLICATION_JSON) || type.includes(csv))
                .findFirst().map(type -> !type.includes(MediaType.APPLICATION_JSON)).orElse(false);
    }

    private static NotFoundException noAccount(UUID id) {
        return new NotFoundException("no account with id " + id);
    }
}

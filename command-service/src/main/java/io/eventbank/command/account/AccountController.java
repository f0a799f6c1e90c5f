package io.eventbank.command.account;

import io.eventbank.api.account.CloseAccount;
import io.eventbank.api.account.DepositMoney;
import io.eventbank.api.account.OpenAccount;
import io.eventbank.api.account.WithdrawMoney;
import io.eventbank.api.common.Money;
import io.eventbank.command.idempotency.IdempotentCommands;
import io.eventbank.command.web.MoneyAmount;
import io.eventbank.command.web.PlainText;
import io.eventbank.command.web.ShortText;
import io.eventbank.command.web.Versions;
import io.eventbank.command.web.WebSettings;
import io.eventbank.identity.Caller;
import io.eventbank.identity.ProblemResponse;
import io.eventbank.identity.Role;
import io.eventbank.identity.SuccessResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.UUID;

/** Account commands over HTTP. Every success answers the account's version, also as the ETag. */
@RestController
@RequestMapping(path = "/api/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "accounts", description = "Open, deposit, withdraw and close accounts")
@SuccessResponse(description = "Done: the account's version after the command", headers = {"ETag", "Event-Position"})
class AccountController {

    private final IdempotentCommands commands;
    private final WebSettings web;

    AccountController(IdempotentCommands commands, WebSettings web) {
        this.commands = commands;
        this.web = web;
    }

    /** {@code owner}: the subject of the customer an admin opens the account for; absent: the caller's own. */
    record OpenAccountRequest(@Schema(description = ShortText.DESCRIPTION, example = "Kim Minji")
                              @ShortText String holderName,
                              @Size(min = 1, max = 255) @Pattern(regexp = PlainText.NO_CONTROL_CHARACTERS) @PlainText
                              String owner) {
    }

    record AmountRequest(@Schema(description = MoneyAmount.DESCRIPTION, example = "10000", multipleOf = 0.01)
                         @MoneyAmount BigDecimal amount) {
    }

    record AccountResult(UUID accountId, long version) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @SuccessResponse(status = 201, description = "Opened, at version 0",
            headers = {"Location", "ETag", "Event-Position"})
    @Operation(summary = "Open an account with a zero balance, owned by the caller or, by an admin, for an owner")
    ResponseEntity<AccountResult> open(@Valid @RequestBody OpenAccountRequest request) {
        UUID accountId = UUID.randomUUID();
        return commands.send(new OpenAccount(accountId, request.holderName().strip(), owner(request)),
                AccountResult.class, opened -> Versions.created(web.readableAt("/api/accounts/" + accountId), 0,
                        new AccountResult(accountId, 0)));
    }

    private static String owner(OpenAccountRequest request) {
        Caller caller = Caller.required();
        if (request.owner() == null || request.owner().strip().equals(caller.subject())) {
            return caller.subject();
        }
        if (caller.role() != Role.ADMIN) {
            throw new IllegalArgumentException("'owner' may name another owner only when an admin opens the account");
        }
        return request.owner().strip();
    }

    @PostMapping(path = "/{accountId}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Deposit money")
    @ProblemResponse(status = 409, types = "concurrent-modification")
    @ProblemResponse(status = 422, types = "account-closed")
    ResponseEntity<AccountResult> deposit(@PathVariable UUID accountId, @Valid @RequestBody AmountRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new DepositMoney(accountId, Money.of(request.amount()), Versions.expectedVersion(ifMatch)),
                AccountResult.class, (Long version) -> Versions.ok(version, new AccountResult(accountId, version)));
    }

    @PostMapping(path = "/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw money; refused with 422 when the balance would go below zero")
    @ProblemResponse(status = 409, types = "concurrent-modification")
    @ProblemResponse(status = 422, types = {"insufficient-funds", "account-closed"})
    ResponseEntity<AccountResult> withdraw(@PathVariable UUID accountId, @Valid @RequestBody AmountRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new WithdrawMoney(accountId, Money.of(request.amount()), Versions.expectedVersion(ifMatch)),
                AccountResult.class, (Long version) -> Versions.ok(version, new AccountResult(accountId, version)));
    }

    @PostMapping("/{accountId}/close")
    @Operation(summary = "Close an account whose balance is zero")
    @ProblemResponse(status = 409, types = "concurrent-modification")
    @ProblemResponse(status = 422, types = {"non-zero-balance", "account-closed"})
    ResponseEntity<AccountResult> close(@PathVariable UUID accountId,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new CloseAccount(accountId, Versions.expectedVersion(ifMatch)),
                AccountResult.class, (Long version) -> Versions.ok(version, new AccountResult(accountId, version)));
    }
}

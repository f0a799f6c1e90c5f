package io.eventbank.command.account;

import io.eventbank.api.account.CloseAccount;
import io.eventbank.api.account.DepositMoney;
import io.eventbank.api.account.OpenAccount;
import io.eventbank.api.account.WithdrawMoney;
import io.eventbank.api.common.Money;
import io.eventbank.command.web.MoneyAmount;
import io.eventbank.command.web.ShortText;
import io.eventbank.command.axon.AppendedPositions;
import io.eventbank.command.web.Versions;
import io.eventbank.identity.Caller;
import io.eventbank.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import java.net.URI;
import java.util.UUID;

/** Account commands over HTTP. Every success answers the account's version, also as the ETag. */
@RestController
@RequestMapping(path = "/api/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "accounts", description = "Open, deposit, withdraw and close accounts")
class AccountController {

    private final CommandGateway commands;
    private final AppendedPositions positions;

    AccountController(CommandGateway commands, AppendedPositions positions) {
        this.commands = commands;
        this.positions = positions;
    }

    /** {@code owner}: the subject of the customer an admin opens the account for; absent: the caller's own. */
    record OpenAccountRequest(@Schema(example = "Kim Minji") @ShortText String holderName,
                              @Size(min = 1, max = 255) @Pattern(regexp = "[^\\p{Cc}\\p{Cs}]*") String owner) {
    }

    record AmountRequest(@Schema(description = MoneyAmount.DESCRIPTION, example = "10000")
                         @MoneyAmount BigDecimal amount) {
    }

    record AccountResult(UUID accountId, long version) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open an account with a zero balance, owned by the caller or, by an admin, for an owner")
    ResponseEntity<AccountResult> open(@Valid @RequestBody OpenAccountRequest request) {
        UUID accountId = UUID.randomUUID();
        AppendedPositions.Sent<Object> sent = positions.sendAndWait(commands,
                new OpenAccount(accountId, request.holderName().strip(), owner(request)));
        return Versions.created(URI.create("/api/accounts/" + accountId), 0, sent.position(),
                new AccountResult(accountId, 0));
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
    ResponseEntity<AccountResult> deposit(@PathVariable UUID accountId, @Valid @RequestBody AmountRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        AppendedPositions.Sent<Long> sent = positions.sendAndWait(commands,
                new DepositMoney(accountId, Money.of(request.amount()), Versions.expectedVersion(ifMatch)));
        long version = sent.result();
        return Versions.ok(version, sent.position(), new AccountResult(accountId, version));
    }

    @PostMapping(path = "/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw money; refused with 422 when the balance would go below zero")
    ResponseEntity<AccountResult> withdraw(@PathVariable UUID accountId, @Valid @RequestBody AmountRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        AppendedPositions.Sent<Long> sent = positions.sendAndWait(commands,
                new WithdrawMoney(accountId, Money.of(request.amount()), Versions.expectedVersion(ifMatch)));
        long version = sent.result();
        return Versions.ok(version, sent.position(), new AccountResult(accountId, version));
    }

    @PostMapping("/{accountId}/close")
    @Operation(summary = "Close an account whose balance is zero")
    ResponseEntity<AccountResult> close(@PathVariable UUID accountId,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        AppendedPositions.Sent<Long> sent = positions.sendAndWait(commands,
                new CloseAccount(accountId, Versions.expectedVersion(ifMatch)));
        long version = sent.result();
        return Versions.ok(version, sent.position(), new AccountResult(accountId, version));
    }
}

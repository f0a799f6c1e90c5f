package io.eventbank.command.order;

import io.eventbank.api.common.Money;
import io.eventbank.api.order.CancelOrder;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.PlaceOrder;
import io.eventbank.api.order.ShipOrder;
import io.eventbank.command.web.MoneyAmount;
import io.eventbank.command.web.ShortText;
import io.eventbank.command.idempotency.IdempotentCommands;
import io.eventbank.command.web.Versions;
import io.eventbank.identity.ProblemResponse;
import io.eventbank.identity.SuccessResponse;
import io.eventbank.command.web.WebSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import java.util.List;
import java.util.UUID;

/** Order commands over HTTP. Payment is not a request: the payment saga charges the account after placing. */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "orders", description = "Place, ship and cancel orders; payment follows through the saga")
@SuccessResponse(description = "Done: the order's version after the command", headers = {"ETag", "Event-Position"})
class OrderController {

    private final IdempotentCommands commands;
    private final WebSettings web;

    OrderController(IdempotentCommands commands, WebSettings web) {
        this.commands = commands;
        this.web = web;
    }

    @Schema(description = "One line of an order; quantity × unitPrice is at most " + Money.MAX_AMOUNT)
    record OrderItemRequest(@Schema(description = ShortText.DESCRIPTION, example = "sku-1") @ShortText String productId,
                            @Schema(example = "2") @NotNull @Min(1) @Max(PlaceOrder.MAX_QUANTITY) Integer quantity,
                            @Schema(description = MoneyAmount.DESCRIPTION, example = "12.50", multipleOf = 0.01)
                            @MoneyAmount BigDecimal unitPrice) {
    }

    @Schema(description = "An order; the sum of its line totals is at most " + Money.MAX_AMOUNT)
    @OrderTotals
    record PlaceOrderRequest(@NotNull UUID accountId,
                             @NotNull @Size(min = 1, max = PlaceOrder.MAX_LINES)
                             List<@NotNull @Valid OrderItemRequest> items) {

        PlaceOrder command(UUID orderId) {
            return new PlaceOrder(orderId, accountId, items.stream()
                    .map(item -> new OrderLine(item.productId().strip(), item.quantity(), Money.of(item.unitPrice())))
                    .toList());
        }
    }

    record OrderResult(UUID orderId, long version) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Place an order; the payment saga then charges the account and marks it PAID or REJECTED")
    @SuccessResponse(status = 201, description = "Placed, at version 0",
            headers = {"Location", "ETag", "Event-Position"})
    @ProblemResponse(status = 404, types = "not-found")
    ResponseEntity<OrderResult> place(@Valid @RequestBody PlaceOrderRequest request) {
        UUID orderId = UUID.randomUUID();
        return commands.send(request.command(orderId), OrderResult.class,
                placed -> Versions.created(web.readableAt("/api/orders/" + orderId), 0, new OrderResult(orderId, 0)));
    }

    @PostMapping("/{orderId}/ship")
    @Operation(summary = "Ship a paid order")
    @ProblemResponse(status = 409, types = "concurrent-modification")
    @ProblemResponse(status = 422, types = "order-not-paid")
    ResponseEntity<OrderResult> ship(@PathVariable UUID orderId,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new ShipOrder(orderId, Versions.expectedVersion(ifMatch)), OrderResult.class,
                (Long version) -> Versions.ok(version, new OrderResult(orderId, version)));
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel a placed or paid order; a paid order is refunded to its account")
    @ProblemResponse(status = 409, types = "concurrent-modification")
    @ProblemResponse(status = 422, types = {"order-already-shipped", "order-not-cancellable"})
    ResponseEntity<OrderResult> cancel(@PathVariable UUID orderId,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new CancelOrder(orderId, Versions.expectedVersion(ifMatch)), OrderResult.class,
                (Long version) -> Versions.ok(version, new OrderResult(orderId, version)));
    }
}

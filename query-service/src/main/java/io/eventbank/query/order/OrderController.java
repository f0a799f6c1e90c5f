package io.eventbank.query.order;

import io.eventbank.api.order.FindOrderAsOfQuery;
import io.eventbank.api.order.FindOrderQuery;
import io.eventbank.api.order.FindOrdersQuery;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
import io.eventbank.identity.Caller;
import io.eventbank.query.history.EventHistory;
import io.eventbank.query.web.ApiDocs;
import io.eventbank.query.web.NotFoundException;
import io.eventbank.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "The order list, order details, history and state as of an instant")
class OrderController {

    private final QueryGateway queries;
    private final EventHistory history;

    OrderController(QueryGateway queries, EventHistory history) {
        this.queries = queries;
        this.history = history;
    }

    /** The order list view, newest first, optionally only the orders of one status or of one account. */
    @GetMapping
    @Operation(summary = "The order list view, newest first; optionally of one status or one account")
    PagedModel<OrderListItemView> orders(@RequestParam(required = false) OrderStatus status,
                                         @RequestParam(required = false) UUID accountId,
                                         @ParameterObject Paging paging) {
        return Paging.model(queries.query(new FindOrdersQuery(status, accountId,
                        Caller.required().readableOwner(), paging.page(), paging.size()),
                Paging.<OrderListItemView>resultPage()).join());
    }

    @GetMapping("/{id}")
    @Operation(summary = "The order, now or as it stood at an instant (asOf)")
    @ApiResponse(responseCode = "200", description = "The order")
    OrderView order(@PathVariable UUID id,
                    @Parameter(description = ApiDocs.AS_OF, example = ApiDocs.INSTANT_EXAMPLE)
                    @RequestParam(required = false) Instant asOf) {
        String owner = Caller.required().readableOwner();
        if (asOf != null) {
            return queries.query(new FindOrderAsOfQuery(id, owner, asOf),
                            ResponseTypes.optionalInstanceOf(OrderView.class)).join()
                    .orElseThrow(() -> new NotFoundException("no order with id " + id + " as of " + asOf));
        }
        return queries.query(new FindOrderQuery(id, owner), ResponseTypes.optionalInstanceOf(OrderView.class)).join()
                .orElseThrow(() -> noOrder(id));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The order's events from its first, oldest first: sequence, type, stored revision, "
                         + "timestamp, payload in its current shape, and metadata (actor, correlation and causation)")
    @ApiResponse(responseCode = "200", description = "A page of the order's events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"content": [{"sequence": 1, "type": "OrderPaid", "revision": null,
                      "timestamp": "2026-11-27T10:15:30.120Z",
                      "payload": {"orderId": "5d0f5b9e-1c2a-4d3e-8f6a-7b8c9d0e1f2a",
                                  "accountId": "3f1c0a52-8d7e-4c1b-9a57-0e3b6f0d2a11", "amount": 25.00},
                      "metadata": {"actor": "customer-1", "correlationId": "9b2e...", "causationId": "41c7..."}}],
                     "page": {"size": 20, "number": 0, "totalElements": 1, "totalPages": 1}}""")))
    PagedModel<EventHistory.Entry> history(@PathVariable UUID id, @ParameterObject Paging paging) {
        queries.query(new FindOrderQuery(id, Caller.required().readableOwner()),
                ResponseTypes.optionalInstanceOf(OrderView.class)).join().orElseThrow(() -> noOrder(id));
        return Paging.model(history.of("Order", id, paging.page(), paging.size()));
    }

    private static NotFoundException noOrder(UUID id) {
        return new NotFoundException("no order with id " + id);
    }
}

package io.eventbank.query.order;

import io.eventbank.api.order.FindOrderQuery;
import io.eventbank.api.order.FindOrdersQuery;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderStatus;
import io.eventbank.api.order.OrderView;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "The order list view and orders with their lines")
class OrderController {

    private final QueryGateway queries;

    OrderController(QueryGateway queries) {
        this.queries = queries;
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
    @Operation(summary = "One order with its lines")
    OrderView order(@PathVariable UUID id) {
        return queries.query(new FindOrderQuery(id, Caller.required().readableOwner()),
                        ResponseTypes.optionalInstanceOf(OrderView.class)).join()
                .orElseThrow(() -> new NotFoundException("no order with id " + id));
    }
}

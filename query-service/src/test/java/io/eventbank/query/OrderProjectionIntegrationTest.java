package io.eventbank.query;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderCancelled;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.RejectionReason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.eventbank.query.ResponseBodies.assertContains;
import static io.eventbank.query.ResponseBodies.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QueryServiceIntegrationTest
class OrderProjectionIntegrationTest {

    private static final List<OrderLine> TWO_LINES = List.of(
            new OrderLine("sku-1", 2, Money.of("12.50")),
            new OrderLine("sku-2", 1, Money.of("75.00")));
    private static final Money TWO_LINES_TOTAL = Money.of("100.00");

    @Autowired
    RestTestClient http;

    @Autowired
    TestEventStore events;

    @Test
    void paidAndRejectedOrdersAreRowsOfTheListView() {
        UUID accountId = openAccount("Kim Minji");
        UUID paid = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        events.order(paid, new OrderPlaced(paid, accountId, TWO_LINES, TWO_LINES_TOTAL, "test-owner"),
                new OrderPaid(paid, accountId, TWO_LINES_TOTAL));
        events.order(rejected, new OrderPlaced(rejected, accountId,
                        List.of(new OrderLine("sku-9", 3, Money.of("1000000.00"))), Money.of("3000000.00"), "test-owner"),
                new OrderRejected(rejected, accountId, RejectionReason.INSUFFICIENT_FUNDS));

        awaitStatus(rejected, "REJECTED");
        awaitStatus(paid, "PAID");

        http.get().uri("/api/orders?accountId={id}", accountId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(2)
                .jsonPath("$.content[0].orderId").isEqualTo(rejected.toString())
                .jsonPath("$.content[0].customerName").isEqualTo("Kim Minji")
                .jsonPath("$.content[0].itemCount").isEqualTo(1)
                .jsonPath("$.content[0].total").isEqualTo(3000000.0)
                .jsonPath("$.content[0].status").isEqualTo("REJECTED")
                .jsonPath("$.content[0].createdAt").isNotEmpty()
                .jsonPath("$.content[1].orderId").isEqualTo(paid.toString())
                .jsonPath("$.content[1].customerName").isEqualTo("Kim Minji")
                .jsonPath("$.content[1].itemCount").isEqualTo(2)
                .jsonPath("$.content[1].status").isEqualTo("PAID")
                .jsonPath("$.page.totalElements").isEqualTo(2)
                .consumeWith(result -> assertContains(result.getResponseBody(), "\"total\":100.00"));

        http.get().uri("/api/orders/{id}", paid).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.orderId").isEqualTo(paid.toString())
                .jsonPath("$.accountId").isEqualTo(accountId.toString())
                .jsonPath("$.customerName").isEqualTo("Kim Minji")
                .jsonPath("$.status").isEqualTo("PAID")
                .jsonPath("$.rejectionReason").isEmpty()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].productId").isEqualTo("sku-1")
                .jsonPath("$.items[0].quantity").isEqualTo(2)
                .jsonPath("$.items[0].unitPrice").isEqualTo(12.5)
                .jsonPath("$.items[0].lineTotal").isEqualTo(25.0)
                .jsonPath("$.items[1].lineTotal").isEqualTo(75.0)
                .jsonPath("$.createdAt").isNotEmpty()
                .jsonPath("$.updatedAt").isNotEmpty()
                .consumeWith(result -> assertContains(result.getResponseBody(),
                        "\"unitPrice\":12.50,\"lineTotal\":25.00"));
        http.get().uri("/api/orders/{id}", rejected).exchange()
                .expectBody()
                .jsonPath("$.status").isEqualTo("REJECTED")
                .jsonPath("$.rejectionReason").isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void customerNameIsFilledWhenTheOrderIsProjectedBeforeItsAccountIsOpened() {
        UUID accountId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        events.order(orderId, new OrderPlaced(orderId, accountId, TWO_LINES, TWO_LINES_TOTAL, "test-owner"),
                new OrderPaid(orderId, accountId, TWO_LINES_TOTAL));
        awaitStatus(orderId, "PAID");
        http.get().uri("/api/orders/{id}", orderId).exchange()
                .expectBody().jsonPath("$.customerName").isEmpty();

        events.account(accountId, new AccountOpened(accountId, "Park Seoyeon", "test-owner"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/orders/{id}", orderId)
                .exchange()
                .expectBody().jsonPath("$.customerName").isEqualTo("Park Seoyeon"));
        http.get().uri("/api/orders?accountId={id}", accountId).exchange()
                .expectBody()
                .jsonPath("$.content[0].customerName").isEqualTo("Park Seoyeon")
                .jsonPath("$.content[0].status").isEqualTo("PAID");
    }

    @Test
    void customerNamesAreRightWhicheverOfOrderAndOpeningIsProjectedFirst() {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID accountId = UUID.randomUUID();
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            if (i % 2 == 0) {
                events.order(orderId, new OrderPlaced(orderId, accountId, TWO_LINES, TWO_LINES_TOTAL, "test-owner"));
                events.account(accountId, new AccountOpened(accountId, "Holder " + i, "test-owner"));
            } else {
                events.account(accountId, new AccountOpened(accountId, "Holder " + i, "test-owner"));
                events.order(orderId, new OrderPlaced(orderId, accountId, TWO_LINES, TWO_LINES_TOTAL, "test-owner"));
            }
        }

        for (int i = 0; i < orders.size(); i++) {
            String expected = "Holder " + i;
            UUID orderId = orders.get(i);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/orders/{id}", orderId)
                    .exchange()
                    .expectBody().jsonPath("$.customerName").isEqualTo(expected));
        }
    }

    @Test
    void ordersAreFilteredByStatusAndAccountNewestFirst() {
        UUID accountId = openAccount("Choi Yuna");
        UUID otherAccount = openAccount("Jung Hoseok");
        UUID shipped = place(accountId);
        events.order(shipped, new OrderPaid(shipped, accountId, TWO_LINES_TOTAL), new OrderShipped(shipped));
        UUID cancelled = place(accountId);
        events.order(cancelled, new OrderCancelled(cancelled, accountId, TWO_LINES_TOTAL, false));
        UUID placed = place(accountId);
        UUID othersOrder = place(otherAccount);
        awaitStatus(othersOrder, "PLACED");
        awaitStatus(shipped, "SHIPPED");
        awaitStatus(cancelled, "CANCELLED");

        http.get().uri("/api/orders?accountId={id}", accountId).exchange()
                .expectBody()
                .jsonPath("$.content[*].orderId").isEqualTo(
                        List.of(placed.toString(), cancelled.toString(), shipped.toString()));
        http.get().uri("/api/orders?accountId={id}&status=SHIPPED", accountId).exchange()
                .expectBody()
                .jsonPath("$.content[*].orderId").isEqualTo(List.of(shipped.toString()));
        http.get().uri("/api/orders?status=CANCELLED").exchange()
                .expectBody()
                .jsonPath("$.content[*].status").value(List.class, statuses ->
                        assertThat(statuses).isNotEmpty().containsOnly("CANCELLED"));
        http.get().uri("/api/orders?accountId={id}&page=1&size=2", accountId).exchange()
                .expectBody()
                .jsonPath("$.content[*].orderId").isEqualTo(List.of(shipped.toString()))
                .jsonPath("$.page.size").isEqualTo(2)
                .jsonPath("$.page.number").isEqualTo(1)
                .jsonPath("$.page.totalElements").isEqualTo(3)
                .jsonPath("$.page.totalPages").isEqualTo(2);
    }

    @Test
    void unknownOrderIsNotFoundAndBadFiltersAreBadRequests() {
        UUID unknown = UUID.randomUUID();
        http.get().uri("/api/orders/{id}", unknown).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:problem:not-found")
                .jsonPath("$.detail").isEqualTo("no order with id " + unknown);
        for (String uri : new String[] {"/api/orders/nope", "/api/orders?status=LOST", "/api/orders?accountId=x",
                "/api/orders?page=-1", "/api/orders?size=0"}) {
            http.get().uri(uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:problem:invalid-request")
                    .jsonPath("$.title").isEqualTo("Invalid request")
                    .jsonPath("$.status").isEqualTo(400)
                    .consumeWith(result -> assertNoInternals(result.getResponseBody()));
        }
        http.get().uri("/api/orders?status=LOST").exchange()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("'status' must be one of PLACED, PAID, REJECTED, SHIPPED, CANCELLED");
    }

    private UUID openAccount(String holderName) {
        UUID accountId = UUID.randomUUID();
        events.account(accountId, new AccountOpened(accountId, holderName, "test-owner"));
        return accountId;
    }

    private UUID place(UUID accountId) {
        UUID orderId = UUID.randomUUID();
        events.order(orderId, new OrderPlaced(orderId, accountId, TWO_LINES, TWO_LINES_TOTAL, "test-owner"));
        return orderId;
    }

    private void awaitStatus(UUID orderId, String status) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/orders/{id}", orderId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo(status));
    }
}

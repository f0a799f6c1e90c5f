package io.eventbank.query;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.AccountRefundedForOrder;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.eventbank.query.ResponseBodies.assertContains;
import static io.eventbank.query.ResponseBodies.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QueryServiceIntegrationTest
class AccountProjectionIntegrationTest {

    @Autowired
    RestTestClient http;

    @Autowired
    TestEventStore events;

    @Test
    void summaryAndLedgerFollowTheSeedExample() {
        UUID accountId = UUID.randomUUID();
        events.account(accountId, new AccountOpened(accountId, "Kim Minji", "test-owner"));
        events.account(accountId, new MoneyDeposited(accountId, Money.of(10000), Money.of(10000)));
        events.account(accountId, new MoneyDeposited(accountId, Money.of(50000), Money.of(60000)));
        events.account(accountId, new MoneyWithdrawn(accountId, Money.of(10000), Money.of(50000)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/accounts/{id}", accountId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3));

        http.get().uri("/api/accounts/{id}", accountId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.accountId").isEqualTo(accountId.toString())
                .jsonPath("$.holderName").isEqualTo("Kim Minji")
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.openedAt").isNotEmpty()
                .jsonPath("$.updatedAt").isNotEmpty()
                .consumeWith(result -> assertContains(result.getResponseBody(), "\"balance\":50000.00"));

        http.get().uri("/api/accounts/{id}/transactions", accountId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(3)
                .jsonPath("$.content[*].sequence").isEqualTo(List.of(1, 2, 3))
                .jsonPath("$.content[*].type").isEqualTo(List.of("DEPOSIT", "DEPOSIT", "WITHDRAWAL"))
                .jsonPath("$.content[*].balanceAfter").isEqualTo(List.of(10000.0, 60000.0, 50000.0))
                .jsonPath("$.content[0].orderId").isEmpty()
                .jsonPath("$.content[0].occurredAt").isNotEmpty()
                .jsonPath("$.page.size").isEqualTo(20)
                .jsonPath("$.page.number").isEqualTo(0)
                .jsonPath("$.page.totalElements").isEqualTo(3)
                .jsonPath("$.page.totalPages").isEqualTo(1)
                .consumeWith(result -> assertContains(result.getResponseBody(),
                        "\"amount\":50000.00,\"balanceAfter\":60000.00"));
    }

    @Test
    void orderPaymentsAndRefundsAreLedgerEntriesAndClosingIsNot() {
        UUID accountId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        events.account(accountId, new AccountOpened(accountId, "Lee Jiwoo", "test-owner"));
        events.account(accountId, new MoneyDeposited(accountId, Money.of("100.00"), Money.of("100.00")));
        events.account(accountId, new AccountChargedForOrder(accountId, orderId, Money.of("25.50"), Money.of("74.50")));
        events.account(accountId, new AccountRefundedForOrder(accountId, orderId, Money.of("25.50"), Money.of("100.00")));
        events.account(accountId, new MoneyWithdrawn(accountId, Money.of("100.00"), Money.of("0.00")));
        events.account(accountId, new AccountClosed(accountId));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/accounts/{id}", accountId)
                .exchange()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED"));

        http.get().uri("/api/accounts/{id}", accountId).exchange()
                .expectBody()
                .jsonPath("$.version").isEqualTo(5)
                .jsonPath("$.balance").isEqualTo(0.0);
        http.get().uri("/api/accounts/{id}/transactions", accountId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content[*].type").isEqualTo(
                        List.of("DEPOSIT", "ORDER_PAYMENT", "ORDER_REFUND", "WITHDRAWAL"))
                .jsonPath("$.content[1].orderId").isEqualTo(orderId.toString())
                .jsonPath("$.content[2].orderId").isEqualTo(orderId.toString())
                .jsonPath("$.content[1].amount").isEqualTo(25.5)
                .jsonPath("$.content[1].balanceAfter").isEqualTo(74.5);
    }

    @Test
    void accountsArePagedOldestFirst() {
        UUID first = UUID.randomUUID();
        events.account(first, new AccountOpened(first, "First Holder", "test-owner"));
        for (int i = 0; i < 4; i++) {
            UUID accountId = UUID.randomUUID();
            events.account(accountId, new AccountOpened(accountId, "Holder " + i, "test-owner"));
        }
        UUID last = UUID.randomUUID();
        events.account(last, new AccountOpened(last, "Last Holder", "test-owner"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/accounts/{id}", last)
                .exchange().expectStatus().isOk());

        http.get().uri("/api/accounts?page=0&size=2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(2)
                .jsonPath("$.page.size").isEqualTo(2)
                .jsonPath("$.page.number").isEqualTo(0)
                .jsonPath("$.page.totalElements").value(Integer.class, total -> assertAtLeast(total, 6))
                .jsonPath("$.page.totalPages").value(Integer.class, pages -> assertAtLeast(pages, 3));
        http.get().uri("/api/accounts?size=100").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page.size").isEqualTo(100)
                .jsonPath("$.content[?(@.accountId == '" + first + "')]").exists();
        http.get().uri("/api/accounts").exchange()
                .expectBody().jsonPath("$.page.size").isEqualTo(20);
    }

    @Test
    void unknownAccountIsNotFound() {
        UUID unknown = UUID.randomUUID();
        for (String path : new String[] {"/api/accounts/{id}", "/api/accounts/{id}/transactions"}) {
            http.get().uri(path, unknown).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:problem:not-found")
                    .jsonPath("$.title").isEqualTo("Not found")
                    .jsonPath("$.status").isEqualTo(404)
                    .jsonPath("$.detail").isEqualTo("no account with id " + unknown);
        }
    }

    @Test
    void malformedIdsAndPagesAreBadRequests() {
        for (String uri : new String[] {"/api/accounts/not-a-uuid", "/api/accounts/42/transactions",
                "/api/accounts?page=-1", "/api/accounts?size=0", "/api/accounts?size=ten"}) {
            http.get().uri(uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:problem:invalid-request")
                    .jsonPath("$.status").isEqualTo(400)
                    .jsonPath("$.detail").isNotEmpty()
                    .consumeWith(result -> assertNoInternals(result.getResponseBody()));
        }
    }

    private static void assertAtLeast(int actual, int minimum) {
        assertThat(actual).isGreaterThanOrEqualTo(minimum);
    }
}

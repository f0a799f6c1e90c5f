package io.eventbank.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What each role may read (API.md): a customer its own accounts, ledgers and orders only, another's answered exactly
 * like a missing one, and lists holding its own rows only; tellers and admins everything, also what no customer
 * owns; the admin endpoints admins only.
 */
@QueryServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAccessIntegrationTest {

    private static final List<OrderLine> LINES = List.of(new OrderLine("sku-1", 1, Money.of(5)));

    @Autowired
    TestEventStore events;

    @LocalServerPort
    int port;

    private final UUID accountOfA = UUID.randomUUID();
    private final UUID accountOfB = UUID.randomUUID();
    private final UUID unowned = UUID.randomUUID();
    private final UUID orderOfA = UUID.randomUUID();
    private final UUID orderOfB = UUID.randomUUID();
    private HttpClientSupport admin;
    private HttpClientSupport customerA;
    private HttpClientSupport teller;

    @BeforeAll
    void twoCustomersAndAnAccountNobodyOwns() {
        admin = new HttpClientSupport(port);
        customerA = admin.as(TestTokens.customer("customer-a"));
        teller = admin.as(TestTokens.teller("teller-1"));
        events.account(accountOfA, new AccountOpened(accountOfA, "Holder A", "customer-a"),
                new MoneyDeposited(accountOfA, Money.of(10), Money.of(10)));
        events.account(accountOfB, new AccountOpened(accountOfB, "Holder B", "customer-b"),
                new MoneyDeposited(accountOfB, Money.of(20), Money.of(20)));
        events.account(unowned, new AccountOpened(unowned, "Holder of old", null));
        events.order(orderOfA, new OrderPlaced(orderOfA, accountOfA, LINES, Money.of(5), "customer-a"));
        events.order(orderOfB, new OrderPlaced(orderOfB, accountOfB, LINES, Money.of(5), "customer-b"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(admin.get("/api/accounts").json().at("/page/totalElements").asInt()).isEqualTo(3);
            assertThat(admin.get("/api/orders").json().at("/page/totalElements").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aCustomerReadsItsOwnAccountLedgerAndOrder() {
        assertThat(customerA.get("/api/accounts/" + accountOfA).status()).isEqualTo(200);
        assertThat(customerA.get("/api/accounts/" + accountOfA + "/transactions").status()).isEqualTo(200);
        assertThat(customerA.get("/api/orders/" + orderOfA).status()).isEqualTo(200);
    }

    @Test
    void anotherCustomersThingsAreAnsweredExactlyLikeMissingOnes() {
        UUID missing = UUID.randomUUID();
        for (String path : List.of("/api/accounts/%s", "/api/accounts/%s/transactions", "/api/orders/%s")) {
            UUID other = path.startsWith("/api/orders") ? orderOfB : accountOfB;
            Response strangers = customerA.get(path.formatted(other));
            Response absent = customerA.get(path.formatted(missing));

            assertThat(strangers.status()).as(path).isEqualTo(404);
            assertThat(strangers.body().replace(other.toString(), missing.toString())).as(path)
                    .isEqualTo(absent.body());
        }
        assertThat(customerA.get("/api/accounts/" + unowned).status()).isEqualTo(404);
    }

    @Test
    void listsHoldOnlyWhatTheCallerMayRead() {
        assertThat(ids(customerA.get("/api/accounts"), "accountId")).containsExactly(accountOfA.toString());
        assertThat(ids(customerA.get("/api/orders"), "orderId")).containsExactly(orderOfA.toString());
        assertThat(ids(customerA.get("/api/orders?accountId=" + accountOfB), "orderId")).isEmpty();
        assertThat(ids(teller.get("/api/accounts"), "accountId"))
                .containsExactlyInAnyOrder(accountOfA.toString(), accountOfB.toString(), unowned.toString());
        assertThat(ids(teller.get("/api/orders"), "orderId"))
                .containsExactlyInAnyOrder(orderOfA.toString(), orderOfB.toString());
    }

    @Test
    void tellersReadAccountsNoCustomerOwns() {
        assertThat(teller.get("/api/accounts/" + unowned).status()).isEqualTo(200);
        assertThat(teller.get("/api/accounts/" + accountOfB + "/transactions").status()).isEqualTo(200);
    }

    @Test
    void theAdminEndpointsAreForAdminsOnly() {
        for (HttpClientSupport notAdmin : List.of(customerA, teller)) {
            assertThat(notAdmin.get("/api/admin/projections").status()).isEqualTo(403);
            assertThat(notAdmin.post("/api/admin/projections/accounts/replay", null).status()).isEqualTo(403);
            assertThat(notAdmin.get("/api/admin/reconciliation").status()).isEqualTo(403);
            assertThat(notAdmin.get("/actuator/metrics").status()).isEqualTo(403);
        }
        assertThat(admin.get("/api/admin/projections").status()).isEqualTo(200);
    }

    @Test
    void noTokenIs401() {
        Response response = admin.anonymous().get("/api/accounts/" + accountOfA);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:unauthorized");
    }

    private static List<String> ids(Response page, String field) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode row : page.json().get("content")) {
            ids.add(row.get(field).asText());
        }
        return ids;
    }
}

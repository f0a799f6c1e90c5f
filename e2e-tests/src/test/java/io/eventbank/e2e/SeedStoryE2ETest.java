package io.eventbank.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's story across both processes: commands on one side, read models on the other. */
class SeedStoryE2ETest {

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair();

    private static HttpClientSupport commands;
    private static ReadSide reads;

    @BeforeAll
    static void connect() {
        commands = pair.command().http();
        reads = pair.readSide();
    }

    private static String placeOrder(String accountId, String items) {
        Response placed = commands.post("/api/orders",
                "{\"accountId\": \"" + accountId + "\", \"items\": " + items + "}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("orderId").asText();
    }

    @Test
    void theSeedAccountShowsBalanceAndLedgerOnTheQuerySide() {
        String account = commands.openAccount("Kim Minji");
        assertThat(commands.deposit(account, "10000").status()).isEqualTo(200);
        assertThat(commands.deposit(account, "50000").status()).isEqualTo(200);
        assertThat(commands.withdraw(account, "10000").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode summary = reads.get("/api/accounts/" + account);
            assertThat(summary.get("balance").decimalValue()).isEqualByComparingTo("50000");
            assertThat(summary.get("version").asLong()).isEqualTo(3);
        });
        JsonNode summary = reads.get("/api/accounts/" + account);
        assertThat(summary.get("holderName").asText()).isEqualTo("Kim Minji");
        assertThat(summary.get("status").asText()).isEqualTo("OPEN");

        List<JsonNode> ledger = reads.all("/api/accounts/" + account + "/transactions");
        assertThat(ledger).extracting(entry -> entry.get("type").asText())
                .containsExactly("DEPOSIT", "DEPOSIT", "WITHDRAWAL");
        assertThat(ledger).extracting(entry -> entry.get("balanceAfter").decimalValue().intValueExact())
                .containsExactly(10000, 60000, 50000);
        assertThat(ledger).extracting(entry -> entry.get("amount").decimalValue().intValueExact())
                .containsExactly(10000, 50000, 10000);
    }

    @Test
    void aPaidAndARejectedOrderAppearInTheOrderListView() {
        String account = commands.openAccount("Lee Joon");
        commands.deposit(account, "100");

        String paid = placeOrder(account, """
                [{"productId": "sku-1", "quantity": 2, "unitPrice": 12.50}, {"productId": "sku-2", "quantity": 1, "unitPrice": 5}]""");
        String rejected = placeOrder(account, "[{\"productId\": \"sku-3\", \"quantity\": 1, \"unitPrice\": 1000}]");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<JsonNode> rows = reads.all("/api/orders?accountId=" + account);
            assertThat(rows).extracting(row -> row.get("status").asText()).containsExactlyInAnyOrder("PAID", "REJECTED");
        });
        List<JsonNode> rows = reads.all("/api/orders?accountId=" + account);
        JsonNode newest = rows.get(0);
        assertThat(newest.get("orderId").asText()).isEqualTo(rejected);
        JsonNode paidRow = rows.get(1);
        assertThat(paidRow.get("orderId").asText()).isEqualTo(paid);
        assertThat(paidRow.get("customerName").asText()).isEqualTo("Lee Joon");
        assertThat(paidRow.get("itemCount").asInt()).isEqualTo(2);
        assertThat(paidRow.get("total").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(newest.get("customerName").asText()).isEqualTo("Lee Joon");
        assertThat(newest.get("total").decimalValue()).isEqualByComparingTo("1000");

        assertThat(reads.all("/api/orders?status=REJECTED&accountId=" + account))
                .extracting(row -> row.get("orderId").asText()).containsExactly(rejected);
        assertThat(reads.get("/api/orders/" + rejected).get("rejectionReason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                reads.get("/api/accounts/" + account).get("balance").decimalValue()).isEqualByComparingTo("70.00"));
        assertThat(reads.all("/api/accounts/" + account + "/transactions"))
                .extracting(entry -> entry.get("type").asText()).containsExactly("DEPOSIT", "ORDER_PAYMENT");
    }

    /** API.md: {@code Location} of a create names where the new resource can be read, on the query service. */
    @Test
    void theLocationOfACreateLeadsToTheResourceOnTheQueryService() {
        Response opened = commands.post("/api/accounts", "{\"holderName\": \"Park Seo\"}");
        String account = opened.json().get("accountId").asText();
        commands.deposit(account, "100");
        Response placed = commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": "
                + "[{\"productId\": \"sku-9\", \"quantity\": 1, \"unitPrice\": 10}]}");

        assertThat(opened.header("Location")).startsWith(pair.query().http().baseUrl() + "/");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response read = follow(opened.header("Location"));
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().get("accountId").asText()).isEqualTo(account);
            assertThat(read.json().get("holderName").asText()).isEqualTo("Park Seo");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response read = follow(placed.header("Location"));
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().get("orderId").asText()).isEqualTo(placed.json().get("orderId").asText());
        });
    }

    private static Response follow(String location) {
        return pair.query().http().send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(30)).GET().build());
    }
}

package io.eventbank.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePair;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's story across both processes: commands on one side, read models on the other. */
class SeedStoryE2ETest {

    private static ServicePair pair;
    private static HttpClientSupport commands;
    private static ReadSide reads;

    @BeforeAll
    static void startServices() {
        pair = new ServicePair(Map.of()).start();
        commands = pair.command.http();
        reads = new ReadSide(pair.query.http());
    }

    @AfterAll
    static void stopServices() {
        if (pair != null) {
            pair.close();
        }
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

    @Test
    void replayingEveryProjectionRebuildsIdenticalReadModels() {
        String account = commands.openAccount("Park Jisoo");
        commands.deposit(account, "500");
        commands.withdraw(account, "120.55");
        String order = placeOrder(account, "[{\"productId\": \"sku-9\", \"quantity\": 3, \"unitPrice\": 9.99}]");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(reads.get("/api/orders/" + order).get("status").asText()).isEqualTo("PAID"));
        commands.post("/api/orders/" + order + "/cancel", null);
        reads.awaitCaughtUp(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(reads.all("/api/accounts/" + account
                + "/transactions")).hasSize(4));
        reads.awaitCaughtUp(Duration.ofSeconds(15));
        Map<String, JsonNode> before = reads.snapshot();

        for (String projection : List.of("accounts", "orders")) {
            Response replay = pair.query.http().post("/api/admin/projections/" + projection + "/replay", null);
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        }
        reads.awaitCaughtUp(Duration.ofSeconds(60));

        Map<String, JsonNode> after = reads.snapshot();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        assertThat(after).isEqualTo(before);
        assertThat(before).containsKey("/api/accounts/" + account);
        assertThat(before.get("/api/accounts/" + account).get("balance").decimalValue())
                .isEqualByComparingTo(new BigDecimal("379.45"));
    }
}

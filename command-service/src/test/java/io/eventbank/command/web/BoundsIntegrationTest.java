package io.eventbank.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bound of a command at the HTTP edge, from both sides: the value at the bound is accepted and stored as sent,
 * the next one beyond it is refused with 400 and an {@code errors} entry naming the field, and leaves no event.
 */
class BoundsIntegrationTest extends CommandServiceIntegrationTest {

    private static final String MAX = "1000000000000";

    private String accountId;

    @BeforeEach
    void openAccount() {
        accountId = http.openAccount("Kim Minji");
    }

    @Test
    void anAmountMayBeTheMaximumAndNotOneCentMore() {
        assertThat(http.deposit(accountId, MAX).status()).isEqualTo(200);
        assertThat(http.withdraw(accountId, MAX).status()).isEqualTo(200);
        assertThat(storedAmounts()).containsExactly("1000000000000.00", "1000000000000.00");

        assertRefused(() -> http.deposit(accountId, "1000000000000.01"), "amount");
        http.deposit(accountId, "1");
        assertRefused(() -> http.withdraw(accountId, "1000000000000.01"), "amount");
    }

    @Test
    void anAmountMayBeOneCentAndNotLess() {
        assertThat(http.deposit(accountId, "0.01").status()).isEqualTo(200);
        assertRefused(() -> http.deposit(accountId, "0.00"), "amount");
        assertRefused(() -> http.deposit(accountId, "0.001"), "amount");
    }

    @Test
    void aHolderNameMayHaveAHundredCharactersAndNotMore() {
        assertThat(http.post("/api/accounts", "{\"holderName\":\"" + "n".repeat(100) + "\"}").status())
                .isEqualTo(201);
        assertRefused(() -> http.post("/api/accounts", "{\"holderName\":\"" + "n".repeat(101) + "\"}"),
                "holderName");
    }

    @Test
    void aQuantityMayBeAMillionAndNotOneMore() {
        assertPlaced(order(item("sku", 1_000_000, "1")), "1000000.00");
        assertRefused(() -> placeOrder(order(item("sku", 1_000_001, "1"))), "items[0].quantity");
        assertRefused(() -> placeOrder(order(item("sku", 0, "1"))), "items[0].quantity");
    }

    @Test
    void aUnitPriceMayBeTheMaximumAndNotOneCentMore() {
        assertPlaced(order(item("sku", 1, MAX)), "1000000000000.00");
        assertRefused(() -> placeOrder(order(item("sku", 1, "1000000000000.01"))), "items[0].unitPrice");
    }

    @Test
    void aProductIdMayHaveAHundredCharactersAndNotMore() {
        assertPlaced(order(item("p".repeat(100), 1, "1")), "1.00");
        assertRefused(() -> placeOrder(order(item("p".repeat(101), 1, "1"))), "items[0].productId");
    }

    @Test
    void aLineTotalMayBeTheMaximumAndNotMore() {
        assertPlaced(order(item("sku", 2, "500000000000.00")), MAX + ".00");
        assertPlaced(order(item("sku", 1_000_000, "1000000.00")), MAX + ".00");
        assertRefused(() -> placeOrder(order(item("sku", 2, "500000000000.01"))), "items[0]");
        assertRefused(() -> placeOrder(order(item("sku", 1_000_000, "1000000.01"))), "items[0]");
    }

    @Test
    void anOrderOfTheLargestLinesTheEdgeOnceAcceptedIsRefused() {
        Response response = assertRefused(() -> placeOrder(order(item("sku", 1_000_000, MAX))), "items[0]");
        assertThat(fields(response)).containsExactlyInAnyOrder("items[0]", "items");
    }

    @Test
    void anOrderMayHaveAHundredLinesAndNotMore() {
        assertPlaced(order(Collections.nCopies(100, item("sku", 1, "0.01"))), "1.00");
        assertRefused(() -> placeOrder(order(Collections.nCopies(101, item("sku", 1, "0.01")))), "items");
        assertRefused(() -> placeOrder(order(List.of())), "items");
    }

    @Test
    void anOrderTotalMayBeTheMaximumAndNotOneCentMore() {
        List<String> lines = new ArrayList<>(Collections.nCopies(100, item("sku", 1, "10000000000.00")));
        assertPlaced(order(lines), MAX + ".00");
        lines.set(99, item("sku", 1, "10000000000.01"));
        Response response = assertRefused(() -> placeOrder(order(lines)), "items");
        assertThat(fields(response)).containsExactly("items");
        assertThat(response.json().get("errors").get(0).get("message").asText())
                .isEqualTo("the order total, the sum of quantity × unitPrice over all items, must be at most " + MAX);
    }

    @Test
    void anOrderOfLinesEachAtTheMaximumIsRefusedForItsTotal() {
        Response response = assertRefused(() -> placeOrder(order(List.of(item("a", 1, MAX), item("b", 1, MAX)))),
                "items");
        assertThat(fields(response)).containsExactly("items");
    }

    @Test
    void aLineTotalIsCheckedOnceItsFieldsAreValidAndTheOrderTotalOnceEveryLineIs() {
        Response response = assertRefused(() -> placeOrder(order(List.of(item("a", 1_000_000, MAX),
                item("b", 1, "1e999999999"), item("c", 0, "1e-999999999")))), "items[1].unitPrice");
        assertThat(fields(response)).containsExactlyInAnyOrder("items[0]", "items[1].unitPrice",
                "items[2].quantity", "items[2].unitPrice");
    }

    private Response placeOrder(String body) {
        return http.post("/api/orders", body);
    }

    private void assertPlaced(String body, String total) {
        Response response = placeOrder(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("""
                SELECT event_data->>'total' FROM events
                WHERE aggregate_id = ?::uuid AND event_type = 'OrderPlaced'""", String.class,
                response.json().get("orderId").asText())).isEqualTo(total);
    }

    private Response assertRefused(Supplier<Response> request, String field) {
        long before = eventsARequestCouldWrite();
        Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:validation");
        assertThat(fields(response)).contains(field);
        assertThat(eventsARequestCouldWrite()).as("events written").isEqualTo(before);
        return response;
    }

    /** The events of the test's account, every placement and every opening: not those the payment saga appends. */
    private long eventsARequestCouldWrite() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                   OR payload_type LIKE '%.OrderPlaced' OR payload_type LIKE '%.AccountOpened'""", Long.class,
                accountId);
    }

    private static List<String> fields(Response response) {
        JsonNode errors = response.json().get("errors");
        return StreamSupport.stream(errors.spliterator(), false).map(error -> error.get("field").asText()).toList();
    }

    private List<String> storedAmounts() {
        return jdbc.queryForList("""
                SELECT event_data->>'amount' FROM events
                WHERE aggregate_id = ?::uuid AND event_type IN ('MoneyDeposited', 'MoneyWithdrawn')
                ORDER BY event_version""", String.class, accountId);
    }

    private static String item(String productId, int quantity, String unitPrice) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + ",\"unitPrice\":" + unitPrice + "}";
    }

    private String order(String... items) {
        return order(List.of(items));
    }

    private String order(List<String> items) {
        return "{\"accountId\":\"" + accountId + "\",\"items\":[" + String.join(",", items) + "]}";
    }
}

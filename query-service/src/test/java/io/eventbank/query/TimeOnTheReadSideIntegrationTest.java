package io.eventbank.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.api.account.AccountClosed;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.api.order.OrderRejected;
import io.eventbank.api.order.OrderShipped;
import io.eventbank.api.order.RejectionReason;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Time on the read side (API.md) against PostgreSQL: the state as of an instant by the rule "the last event, by
 * sequence number, stamped at or before it", statements with their bounds, and an aggregate's history from its first
 * event, upcast; all under the access rules of the account or order itself.
 */
@QueryServiceIntegrationTest
class TimeOnTheReadSideIntegrationTest {

    private static final String MIN_POSITION = "Min-Event-Position";
    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00.000Z");
    private static final Map<String, String> BY_TELLER = Map.of("actor", "teller-1", "actorRole", "teller",
            "correlationId", "c-1", "causationId", "m-1");

    @Autowired
    TestEventStore events;

    @LocalServerPort
    int port;

    private HttpClientSupport http;

    @BeforeEach
    void connect() {
        http = new HttpClientSupport(port);
    }

    @Test
    void anAccountAsOfAnInstantIsTheStateAfterTheLastEventAtOrBeforeIt() {
        UUID account = UUID.randomUUID();
        account(account, T0, new AccountOpened(account, "Kim Minji", "owner-1"));
        account(account, T0.plusSeconds(60), new MoneyDeposited(account, Money.of(10000), Money.of(10000)));
        account(account, T0.plusSeconds(120), new MoneyDeposited(account, Money.of(50000), Money.of(60000)));
        account(account, T0.plusSeconds(180), new MoneyWithdrawn(account, Money.of(60000), Money.of(0)));
        long last = account(account, T0.plusSeconds(240), new AccountClosed(account));

        assertThat(asOf(account, T0.minusMillis(1), last).status()).isEqualTo(404);
        assertAccount(asOf(account, T0, last), 0, "0.00", "OPEN", T0);
        assertAccount(asOf(account, T0.plusSeconds(60).minusMillis(1), last), 0, "0.00", "OPEN", T0);
        assertAccount(asOf(account, T0.plusSeconds(60), last), 1, "10000.00", "OPEN", T0.plusSeconds(60));
        assertAccount(asOf(account, T0.plusSeconds(90), last), 1, "10000.00", "OPEN", T0.plusSeconds(60));
        assertAccount(asOf(account, T0.plusSeconds(120), last), 2, "60000.00", "OPEN", T0.plusSeconds(120));
        assertAccount(asOf(account, T0.plusSeconds(239), last), 3, "0.00", "OPEN", T0.plusSeconds(180));
        assertAccount(asOf(account, T0.plusSeconds(240), last), 4, "0.00", "CLOSED", T0.plusSeconds(240));
        assertAccount(asOf(account, T0.plusSeconds(86_400), last), 4, "0.00", "CLOSED", T0.plusSeconds(240));
    }

    /** Two command instances: time stamps need not rise with the sequence; the highest sequence that old counts. */
    @Test
    void timeStampsThatDoNotRiseWithTheSequenceFollowTheRule() {
        UUID account = UUID.randomUUID();
        account(account, T0, new AccountOpened(account, "Lee Jiwoo", "owner-1"));
        account(account, T0.plusMillis(2000), new MoneyDeposited(account, Money.of(100), Money.of(100)));
        account(account, T0.plusMillis(1000), new MoneyDeposited(account, Money.of(20), Money.of(120)));
        long last = account(account, T0.plusMillis(3000), new MoneyWithdrawn(account, Money.of(120), Money.of(0)));

        assertAccount(asOf(account, T0.plusMillis(999), last), 0, "0.00", "OPEN", T0);
        // sequence 2 is stamped 1,000 ms: the state after it holds sequence 1 too, stamped later
        assertAccount(asOf(account, T0.plusMillis(1000), last), 2, "120.00", "OPEN", T0.plusMillis(1000));
        assertAccount(asOf(account, T0.plusMillis(1999), last), 2, "120.00", "OPEN", T0.plusMillis(1000));
        assertAccount(asOf(account, T0.plusMillis(2000), last), 2, "120.00", "OPEN", T0.plusMillis(1000));
        assertAccount(asOf(account, T0.plusMillis(3000), last), 3, "0.00", "OPEN", T0.plusMillis(3000));
    }

    @Test
    void anOrderAsOfAnInstantHasTheStatusThatEventLeft() {
        UUID account = UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        List<OrderLine> lines = List.of(new OrderLine("sku-1", 2, Money.of("12.50")));
        account(account, T0, new AccountOpened(account, "Park Seoyeon", "owner-1"));
        order(paid, T0.plusSeconds(10), new OrderPlaced(paid, account, lines, Money.of(25), "owner-1"));
        order(paid, T0.plusSeconds(11), new OrderPaid(paid, account, Money.of(25)));
        order(paid, T0.plusSeconds(20), new OrderShipped(paid));
        order(rejected, T0.plusSeconds(30), new OrderPlaced(rejected, account, lines, Money.of(25), "owner-1"));
        long last = order(rejected, T0.plusSeconds(31), new OrderRejected(rejected, account,
                RejectionReason.INSUFFICIENT_FUNDS));

        assertThat(orderAsOf(paid, T0.plusSeconds(9), last).status()).isEqualTo(404);
        assertOrder(orderAsOf(paid, T0.plusSeconds(10), last), "PLACED", null, T0.plusSeconds(10));
        assertOrder(orderAsOf(paid, T0.plusSeconds(11), last), "PAID", null, T0.plusSeconds(11));
        assertOrder(orderAsOf(paid, T0.plusSeconds(19), last), "PAID", null, T0.plusSeconds(11));
        assertOrder(orderAsOf(paid, T0.plusSeconds(20), last), "SHIPPED", null, T0.plusSeconds(20));
        assertOrder(orderAsOf(rejected, T0.plusSeconds(30), last), "PLACED", null, T0.plusSeconds(30));
        assertOrder(orderAsOf(rejected, T0.plusSeconds(31), last), "REJECTED", "INSUFFICIENT_FUNDS",
                T0.plusSeconds(31));
        Response placedView = orderAsOf(paid, T0.plusSeconds(10), last);
        assertThat(placedView.json().get("total").decimalValue()).isEqualByComparingTo("25");
        assertThat(placedView.json().get("items").get(0).get("productId").asText()).isEqualTo("sku-1");
        assertThat(placedView.json().get("customerName").asText()).isEqualTo("Park Seoyeon");
    }

    @Test
    void aMalformedInstantIs400NamingTheParameter() {
        UUID account = UUID.randomUUID();
        long last = account(account, T0, new AccountOpened(account, "Choi Yuna", "owner-1"));
        for (String malformed : List.of("yesterday", "2026-10-01", "2026-10-01T09:00:00", "")) {
            Response read = http.get("/api/accounts/" + account + "?asOf=" + encode(malformed), MIN_POSITION,
                    Long.toString(last));
            assertThat(read.status()).as(malformed).isEqualTo(400);
            assertThat(read.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        }
        Response statement = http.get("/api/accounts/" + account + "/statement?from=x&to=" + T0);
        assertThat(statement.status()).isEqualTo(400);
        assertThat(statement.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        assertThat(http.get("/api/accounts/" + account + "/statement?to=" + T0).status()).isEqualTo(400);
        assertThat(http.get("/api/accounts/" + account + "/statement?from=" + T0.plusSeconds(1) + "&to=" + T0)
                .status()).isEqualTo(400);
    }

    @Test
    void aStatementLeadsFromTheOpeningToTheClosingBalance() {
        UUID account = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        account(account, T0, new AccountOpened(account, "Jung Haneul", "owner-1"));
        account(account, T0.plusSeconds(60), new MoneyDeposited(account, Money.of(10000), Money.of(10000)));
        account(account, T0.plusSeconds(120), new MoneyDeposited(account, Money.of(50000), Money.of(60000)));
        account(account, T0.plusSeconds(180), new io.eventbank.api.account.AccountChargedForOrder(account, order,
                Money.of("25.50"), Money.of("59974.50")));
        long last = account(account, T0.plusSeconds(240), new MoneyWithdrawn(account, Money.of(10000),
                Money.of("49974.50")));

        JsonNode statement = statement(account, T0.plusSeconds(120), T0.plusSeconds(240), last).json();

        assertThat(statement.get("from").asText()).isEqualTo("2026-10-01T09:02:00Z");
        assertThat(statement.get("openingBalance").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(statement.get("closingBalance").decimalValue()).isEqualByComparingTo("59974.50");
        assertThat(statement.get("totalIn").decimalValue()).isEqualByComparingTo("50000.00");
        assertThat(statement.get("totalOut").decimalValue()).isEqualByComparingTo("25.50");
        assertThat(sequences(statement)).containsExactly(2L, 3L);

        Response csv = http.get("/api/accounts/" + account + "/statement?from=" + T0 + "&to=" + T0.plusSeconds(241),
                "Accept", "text/csv", MIN_POSITION, Long.toString(last));
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Statement-Opening-Balance")).isEqualTo("0.00");
        assertThat(csv.header("Statement-Closing-Balance")).isEqualTo("49974.50");
        assertThat(csv.body().lines().toList()).containsExactly(
                "occurredAt,sequence,type,amount,balanceAfter,orderId",
                "2026-10-01T09:01:00Z,1,DEPOSIT,10000.00,10000.00,",
                "2026-10-01T09:02:00Z,2,DEPOSIT,50000.00,60000.00,",
                "2026-10-01T09:03:00Z,3,ORDER_PAYMENT,25.50,59974.50," + order,
                "2026-10-01T09:04:00Z,4,WITHDRAWAL,10000.00,49974.50,");

        JsonNode empty = statement(account, T0.minusSeconds(60), T0.minusSeconds(60), last).json();
        assertThat(empty.get("entries")).isEmpty();
        assertThat(empty.get("closingBalance").decimalValue()).isEqualByComparingTo("0");
    }

    /** At most 10,000 entries: a period of exactly that many is answered, one more is refused. */
    @Test
    void aStatementOfMoreThanTenThousandEntriesIsRefused() {
        UUID account = UUID.randomUUID();
        List<Map.Entry<Instant, Object>> stamped = new ArrayList<>();
        stamped.add(Map.entry(T0, new AccountOpened(account, "Many Entries", "owner-1")));
        for (int i = 1; i <= 10_001; i++) {
            stamped.add(Map.entry(T0.plusSeconds(i), new MoneyDeposited(account, Money.of(1), Money.of(i))));
        }
        events.appendAt("Account", account, BY_TELLER, stamped);
        long last = events.number("SELECT max(global_index) FROM domain_event_entry");
        // projecting 10,002 events outlasts one wait: a client tries again after Retry-After
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/accounts/" + account, MIN_POSITION,
                Long.toString(last)).status() == 200);

        Response tenThousand = statement(account, T0.plusSeconds(1), T0.plusSeconds(10_001), last);
        Response tenThousandAndOne = statement(account, T0.plusSeconds(1), T0.plusSeconds(10_002), last);

        assertThat(tenThousand.status()).as(tenThousand.body()).isEqualTo(200);
        assertThat(tenThousand.json().get("entries").size()).isEqualTo(10_000);
        assertThat(tenThousand.json().get("closingBalance").decimalValue()).isEqualByComparingTo("10000");
        assertThat(tenThousandAndOne.status()).isEqualTo(400);
        assertThat(tenThousandAndOne.json().get("type").asText()).isEqualTo("urn:problem:invalid-request");
        assertThat(tenThousandAndOne.json().get("detail").asText()).contains("narrow");
    }

    @Test
    void theHistoryHoldsEveryEventFromTheFirstUpcastWithItsMetadata() {
        UUID account = UUID.randomUUID();
        events.number("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                VALUES ('%s', 0, 'Account', '%s', 'io.eventbank.api.account.AccountOpened', '1',
                    convert_to('{"accountId":"%s","holderName":"Stored Before Owners"}', 'UTF8'),
                    convert_to('{}', 'UTF8'), '%s')
                RETURNING global_index""".formatted(account, UUID.randomUUID(), account, T0));
        account(account, T0.plusSeconds(60), new MoneyDeposited(account, Money.of(10000), Money.of(10000)));
        long last = account(account, T0.plusSeconds(120), new MoneyDeposited(account, Money.of(50000),
                Money.of(60000)));

        JsonNode first = http.get("/api/accounts/" + account + "/history?size=2", MIN_POSITION,
                Long.toString(last)).json();
        JsonNode second = http.get("/api/accounts/" + account + "/history?size=2&page=1").json();

        assertThat(first.get("page").get("totalElements").asLong()).isEqualTo(3);
        JsonNode opened = first.get("content").get(0);
        assertThat(opened.get("sequence").asLong()).isZero();
        assertThat(opened.get("type").asText()).isEqualTo("AccountOpened");
        assertThat(opened.get("revision").asText()).isEqualTo("1");
        assertThat(opened.get("timestamp").asText()).isEqualTo("2026-10-01T09:00:00Z");
        assertThat(opened.get("payload").get("holderName").asText()).isEqualTo("Stored Before Owners");
        assertThat(opened.get("payload").has("owner")).as(opened.toString()).isTrue();
        JsonNode deposit = first.get("content").get(1);
        assertThat(deposit.get("type").asText()).isEqualTo("MoneyDeposited");
        assertThat(deposit.get("payload").get("amount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(deposit.get("metadata").get("actor").asText()).isEqualTo("teller-1");
        assertThat(deposit.get("metadata").get("correlationId").asText()).isEqualTo("c-1");
        assertThat(second.get("content").get(0).get("sequence").asLong()).isEqualTo(2);

        UUID order = UUID.randomUUID();
        long placed = order(order, T0.plusSeconds(200), new OrderPlaced(order, account,
                List.of(new OrderLine("sku-1", 1, Money.of(5))), Money.of(5), null));
        JsonNode orderHistory = http.get("/api/orders/" + order + "/history", MIN_POSITION,
                Long.toString(placed)).json();
        assertThat(orderHistory.get("content").get(0).get("type").asText()).isEqualTo("OrderPlaced");
        assertThat(http.get("/api/orders/" + account + "/history").status()).isEqualTo(404);
    }

    /** Another customer's account or order is answered exactly like a missing one, as-of, statement and history. */
    @Test
    void aCustomerReadsTheTimeOfItsOwnAccountsAndOrdersOnly() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID theirOrder = UUID.randomUUID();
        account(mine, T0, new AccountOpened(mine, "Mine", "customer-a"));
        account(theirs, T0, new AccountOpened(theirs, "Theirs", "customer-b"));
        long last = order(theirOrder, T0.plusSeconds(1), new OrderPlaced(theirOrder, theirs,
                List.of(new OrderLine("sku-1", 1, Money.of(5))), Money.of(5), "customer-b"));
        HttpClientSupport customer = http.as(TestTokens.customer("customer-a"));
        String position = Long.toString(last);
        String later = T0.plusSeconds(10).toString();

        assertThat(customer.get("/api/accounts/" + mine + "?asOf=" + later, MIN_POSITION, position).status())
                .isEqualTo(200);
        assertThat(customer.get("/api/accounts/" + mine + "/history", MIN_POSITION, position).status())
                .isEqualTo(200);
        for (String path : List.of("/api/accounts/" + theirs + "?asOf=" + later,
                "/api/accounts/" + theirs + "/statement?from=" + T0 + "&to=" + later,
                "/api/accounts/" + theirs + "/history", "/api/orders/" + theirOrder + "?asOf=" + later,
                "/api/orders/" + theirOrder + "/history")) {
            Response read = customer.get(path, MIN_POSITION, position);
            assertThat(read.status()).as(path).isEqualTo(404);
            assertThat(read.json().get("type").asText()).isEqualTo("urn:problem:not-found");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointsAndTheHeader() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/api/accounts/{id}/statement")).isTrue();
        assertThat(paths.has("/api/accounts/{id}/history")).isTrue();
        assertThat(paths.has("/api/orders/{id}/history")).isTrue();
        JsonNode account = paths.get("/api/accounts/{id}").get("get");
        List<String> parameters = new ArrayList<>();
        account.get("parameters").forEach(parameter -> parameters.add(parameter.get("name").asText()));
        assertThat(parameters).contains("asOf", "Min-Event-Position");
        assertThat(account.get("responses").fieldNames()).toIterable().contains("200", "400", "404", "503");
        assertThat(paths.get("/api/accounts/{id}/statement").get("get").get("responses").get("200").get("content")
                .has("text/csv")).isTrue();
    }

    private long account(UUID account, Instant at, Object event) {
        events.appendAt("Account", account, at, BY_TELLER, event);
        return events.number("SELECT max(global_index) FROM domain_event_entry");
    }

    private long order(UUID order, Instant at, Object event) {
        events.appendAt("Order", order, at, BY_TELLER, event);
        return events.number("SELECT max(global_index) FROM domain_event_entry");
    }

    private Response asOf(UUID account, Instant at, long position) {
        return http.get("/api/accounts/" + account + "?asOf=" + at, MIN_POSITION, Long.toString(position));
    }

    private Response orderAsOf(UUID order, Instant at, long position) {
        return http.get("/api/orders/" + order + "?asOf=" + at, MIN_POSITION, Long.toString(position));
    }

    private Response statement(UUID account, Instant from, Instant to, long position) {
        return http.get("/api/accounts/" + account + "/statement?from=" + from + "&to=" + to, MIN_POSITION,
                Long.toString(position));
    }

    private static void assertAccount(Response read, long version, String balance, String status, Instant updated) {
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode account = read.json();
        assertThat(account.get("version").asLong()).as(read.body()).isEqualTo(version);
        assertThat(account.get("balance").decimalValue()).as(read.body()).isEqualByComparingTo(balance);
        assertThat(account.get("status").asText()).as(read.body()).isEqualTo(status);
        assertThat(Instant.parse(account.get("updatedAt").asText())).as(read.body()).isEqualTo(updated);
        assertThat(Instant.parse(account.get("openedAt").asText())).isEqualTo(T0);
    }

    private static void assertOrder(Response read, String status, String reason, Instant updated) {
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode order = read.json();
        assertThat(order.get("status").asText()).as(read.body()).isEqualTo(status);
        assertThat(order.get("rejectionReason").isNull() ? null : order.get("rejectionReason").asText())
                .isEqualTo(reason);
        assertThat(Instant.parse(order.get("updatedAt").asText())).isEqualTo(updated);
    }

    private static List<Long> sequences(JsonNode statement) {
        List<Long> sequences = new ArrayList<>();
        statement.get("entries").forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        return sequences;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

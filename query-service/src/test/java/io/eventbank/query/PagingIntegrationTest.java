package io.eventbank.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPlaced;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The paging rules of API.md, walked over every paged endpoint with the same table of parameter values: each bound
 * and its neighbours, numbers too large for an int or a long, non-numbers, repeated and unknown parameters and sort
 * keys. Each endpoint holds exactly {@value #ROWS} rows, so every page, past the last one included, has a known
 * shape. Then the other parameters (filters, path ids) and requests too large for the server.
 */
@QueryServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingIntegrationTest {

    private static final int ROWS = 3;
    private static final List<String> INTERNALS = List.of("Exception", "java.", "org.", "tools.", "io.eventbank",
            "\tat ");

    @Autowired
    TestEventStore events;

    @LocalServerPort
    int port;

    private HttpClientSupport http;
    private final UUID holder = UUID.randomUUID();

    /** A query string and what it must be answered with: a page of that size and number, or 400 naming fields. */
    record Case(String query, int size, int number, Set<String> invalid) {

        static Case page(String query, int size, int number) {
            return new Case(query, size, number, Set.of());
        }

        static Case invalid(String query, String... fields) {
            return new Case(query, 0, 0, new TreeSet<>(List.of(fields)));
        }

        @Override
        public String toString() {
            return "?" + (query.length() > 40 ? query.substring(0, 40) + "..." : query);
        }
    }

    static Stream<Arguments> endpointsAndParameters() {
        List<Case> cases = List.of(
                Case.page("", 20, 0),
                Case.page("page=0", 20, 0),
                Case.page("size=1", 1, 0),
                Case.page("size=100", 100, 0),
                Case.page("page=1&size=2", 2, 1),
                Case.page("page=2&size=2", 2, 2),
                Case.page("page=3&size=1", 1, 3),
                Case.page("page=100000", 20, 100_000),
                Case.page("page=100000&size=100", 100, 100_000),
                Case.page("page=00&size=007", 7, 0),
                Case.page("unknown=1&page=1&size=1", 1, 1),
                Case.invalid("size=0", "size"),
                Case.invalid("size=101", "size"),
                Case.invalid("size=-1", "size"),
                Case.invalid("size=2147483647", "size"),
                Case.invalid("size=2147483648", "size"),
                Case.invalid("size=99999999999999999999", "size"),
                Case.invalid("page=-1", "page"),
                Case.invalid("page=100001", "page"),
                Case.invalid("page=2147483647", "page"),
                Case.invalid("page=2147483648", "page"),
                Case.invalid("page=-2147483648", "page"),
                Case.invalid("page=9999999999999", "page"),
                Case.invalid("page=" + "9".repeat(2000), "page"),
                Case.invalid("page=abc", "page"),
                Case.invalid("page=", "page"),
                Case.invalid("size=", "size"),
                Case.invalid("page=1.5", "page"),
                Case.invalid("size=1.5", "size"),
                Case.invalid("page=1e3", "page"),
                Case.invalid("page=0x10", "page"),
                Case.invalid("page=%2B1", "page"),
                Case.invalid("page=+1", "page"),
                Case.invalid("page=%D9%A1", "page"),
                Case.invalid("size=%00", "size"),
                Case.invalid("page=1&page=2", "page"),
                Case.invalid("size=10&size=10", "size"),
                Case.invalid("sort=unknown", "sort"),
                Case.invalid("sort=", "sort"),
                Case.invalid("sort=openedAt,desc", "sort"),
                Case.invalid("page=-1&size=0&sort=x", "page", "size", "sort"));
        List<Arguments> arguments = new ArrayList<>();
        for (String endpoint : List.of("/api/accounts", "/api/accounts/{holder}/transactions", "/api/orders")) {
            for (Case c : cases) {
                arguments.add(Arguments.of(endpoint, c));
            }
        }
        return arguments.stream();
    }

    @BeforeAll
    void threeRowsOnEveryPagedEndpoint() {
        http = new HttpClientSupport(port);
        events.account(holder, new AccountOpened(holder, "Paging Holder", "test-owner"));
        for (int i = 1; i <= ROWS; i++) {
            events.account(holder, new MoneyDeposited(holder, Money.of(10), Money.of(10 * i)));
            UUID order = UUID.randomUUID();
            events.order(order, new OrderPlaced(order, holder, List.of(new OrderLine("sku-" + i, 1, Money.of(1))),
                    Money.of(1), "test-owner"));
        }
        for (int i = 1; i < ROWS; i++) {
            UUID other = UUID.randomUUID();
            events.account(other, new AccountOpened(other, "Other Holder " + i, "test-owner"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String path : List.of("/api/accounts", "/api/accounts/" + holder + "/transactions", "/api/orders")) {
                assertThat(http.get(path).json().path("page").path("totalElements").asInt()).as(path).isEqualTo(ROWS);
            }
        });
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("endpointsAndParameters")
    void everyPagedEndpointAnswersEachParameterValueAsTheContractSays(String endpoint, Case c) {
        Response response = get(endpoint.replace("{holder}", holder.toString()) + "?" + c.query());

        if (c.invalid().isEmpty()) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode page = response.json().path("page");
            assertThat(page.path("size").asInt()).isEqualTo(c.size());
            assertThat(page.path("number").asInt()).isEqualTo(c.number());
            assertThat(page.path("totalElements").asInt()).isEqualTo(ROWS);
            assertThat(page.path("totalPages").asInt()).isEqualTo((ROWS + c.size() - 1) / c.size());
            assertThat(response.json().path("content").size())
                    .isEqualTo(Math.clamp(ROWS - (long) c.number() * c.size(), 0, c.size()));
        } else {
            JsonNode problem = assertProblem(response, 400);
            Set<String> fields = new TreeSet<>();
            problem.path("errors").forEach(error -> {
                fields.add(error.path("field").asText());
                assertThat(error.path("message").asText()).as(response.body()).isNotBlank();
            });
            assertThat(fields).as(response.body()).isEqualTo(c.invalid());
        }
    }

    static Stream<Arguments> otherParameters() {
        String unknown = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("/api/orders?status=PLACED", 200, null),
                Arguments.of("/api/orders?status=PAID", 200, null),
                Arguments.of("/api/orders?accountId={holder}", 200, null),
                Arguments.of("/api/orders?accountId=" + unknown, 200, null),
                Arguments.of("/api/orders?status=paid", 400, "status"),
                Arguments.of("/api/orders?status=LOST", 400, "status"),
                Arguments.of("/api/orders?status=", 400, "status"),
                Arguments.of("/api/orders?status=%20PAID", 400, "status"),
                Arguments.of("/api/orders?status=PAID&status=SHIPPED", 400, "status"),
                Arguments.of("/api/orders?status=" + "X".repeat(2000), 400, "status"),
                Arguments.of("/api/orders?accountId=not-a-uuid", 400, "accountId"),
                Arguments.of("/api/orders?accountId=1-2-3-4-5", 400, "accountId"),
                Arguments.of("/api/orders?accountId=", 400, "accountId"),
                Arguments.of("/api/orders?accountId=00000000-0000-0000-0000-00000000000g", 400, "accountId"),
                Arguments.of("/api/accounts/1-2-3-4-5", 400, "id"),
                Arguments.of("/api/accounts/not-a-uuid/transactions", 400, "id"),
                Arguments.of("/api/accounts/%27%3B%20DROP%20TABLE%20account_summary%3B--", 400, "id"),
                Arguments.of("/api/orders/00000000-0000-0000-0000-00000000000", 400, "id"),
                Arguments.of("/api/accounts/" + unknown, 404, null),
                Arguments.of("/api/accounts/" + unknown + "/transactions", 404, null),
                Arguments.of("/api/accounts/" + unknown + "/transactions?page=100000", 404, null),
                Arguments.of("/api/orders/" + unknown, 404, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherParameters")
    void filtersAndIdsAreCheckedLikePages(String path, int status, String invalid) {
        Response response = get(path.replace("{holder}", holder.toString()));

        if (status == 200) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("page").path("totalElements").asInt()).isBetween(0, ROWS);
            return;
        }
        JsonNode problem = assertProblem(response, status);
        if (invalid != null) {
            assertThat(problem.path("errors").findValuesAsText("field")).as(response.body()).containsExactly(invalid);
        }
    }

    /**
     * Requests the server cannot read or answer as asked, sent as raw bytes (no HTTP client sends a malformed escape).
     * Tomcat refuses a request line or header over its limit (8 KB) before any application code runs; those are
     * problems too, and so is a refusal whose request accepts no problem+json.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void malformedRequestsAreProblemsWhateverTheyAccept(String name, String target, String header) {
        String[] headers = header == null ? new String[0] : new String[] {header};
        RawHttp.Response response = RawHttp.send(port, "GET", target.replace("{holder}", holder.toString()), headers);

        assertThat(response.status()).as(name).isEqualTo(400);
        assertThat(response.header("Content-Type")).as(name).startsWith("application/problem+json");
        assertThat(response.body()).as(name).contains("\"type\":\"urn:problem:invalid-request\"")
                .doesNotContain(INTERNALS);
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("100 KB query string", "/api/accounts?page=1&junk=" + "x".repeat(100_000), null),
                Arguments.of("100 KB page number", "/api/orders?page=" + "9".repeat(100_000), null),
                Arguments.of("100 KB header", "/api/accounts", "X-Junk: " + "x".repeat(100_000)),
                Arguments.of("1,001 query parameters", "/api/accounts?" + "a=1&".repeat(1_000) + "page=0", null),
                Arguments.of("a percent sign not followed by hex", "/api/orders?page=%zz", null),
                Arguments.of("bytes that are not UTF-8", "/api/accounts/{holder}/transactions?size=%FF%FE", null),
                Arguments.of("an Accept header that is no media type", "/api/orders?page=-1", "Accept: ;;;"),
                Arguments.of("an Accept header for XML only", "/api/accounts?size=0", "Accept: application/xml"));
    }

    private Response get(String pathAndQuery) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static JsonNode assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).as(response.body()).startsWith("urn:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain(INTERNALS);
        return problem;
    }
}

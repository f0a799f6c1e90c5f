package io.eventbank.query;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Min-Event-Position} (API.md, read-your-writes): a read naming the position of a write sees it, at once and
 * without polling; positions that were never committed, and segments with nothing to do, hold no read up; a position
 * that is not reached within the wait is a 503 with Retry-After.
 */
@QueryServiceIntegrationTest
class ReadYourWritesIntegrationTest {

    private static final String MIN_POSITION = "Min-Event-Position";

    @Autowired
    TestEventStore events;

    @LocalServerPort
    int port;

    @Value("${test.eventstore.url}")
    String eventStoreUrl;

    private HttpClientSupport http;

    @BeforeEach
    void connect() {
        http = new HttpClientSupport(port);
    }

    @Test
    void everyReadNamingTheWritesPositionSeesTheWrite() {
        UUID account = UUID.randomUUID();
        events.account(account, new AccountOpened(account, "Kim Minji", "owner-1"));
        for (int deposit = 1; deposit <= 20; deposit++) {
            events.account(account, new MoneyDeposited(account, Money.of(1), Money.of(deposit)));
            long position = lastPosition(account);

            Response read = http.get("/api/accounts/" + account, MIN_POSITION, Long.toString(position));

            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().get("version").asLong()).isEqualTo(deposit);
            Response ledger = http.get("/api/accounts/" + account + "/transactions?size=100", MIN_POSITION,
                    Long.toString(position));
            assertThat(ledger.json().get("page").get("totalElements").asLong()).isEqualTo(deposit);
        }
    }

    /** A position taken and never committed is a gap of every token after it, until the gap timeout (minutes). */
    @Test
    void aPositionNeverCommittedHoldsNoLaterReadUp() {
        UUID account = UUID.randomUUID();
        events.account(account, new AccountOpened(account, "Lee Jiwoo", "owner-1"));
        events.number("SELECT nextval('domain_event_entry_global_index_seq')");
        events.account(account, new MoneyDeposited(account, Money.of(5), Money.of(5)));
        long position = lastPosition(account);

        Response read = http.get("/api/accounts/" + account, MIN_POSITION, Long.toString(position));
        Response list = http.get("/api/accounts?size=100", MIN_POSITION, Long.toString(position));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(1);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
    }

    /**
     * The other segments have nothing to do for the write: their processor stores their tokens seconds later, or
     * not at all while nothing else arrives, yet a list (every segment) and another aggregate's read do not wait.
     */
    @Test
    void segmentsWithNothingToDoHoldNoReadUp() {
        UUID account = UUID.randomUUID();
        UUID elsewhere = otherSegmentThan(account);
        events.account(elsewhere, new AccountOpened(elsewhere, "Elsewhere", "owner-2"));
        events.account(account, new AccountOpened(account, "Park Seoyeon", "owner-1"));
        long opened = lastPosition(account);
        assertThat(http.get("/api/accounts/" + account, MIN_POSITION, Long.toString(opened)).status()).isEqualTo(200);

        for (int deposit = 1; deposit <= 3; deposit++) {
            events.account(account, new MoneyDeposited(account, Money.of(1), Money.of(deposit)));
            String position = Long.toString(lastPosition(account));

            Response list = http.get("/api/accounts?size=100", MIN_POSITION, position);
            Response other = http.get("/api/accounts/" + elsewhere, MIN_POSITION, position);

            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).contains("\"balance\":" + deposit + ".00");
            assertThat(other.status()).as(other.body()).isEqualTo(200);
        }
    }

    /**
     * Concurrent writers: appends commit out of the order of their positions, so tokens hold gaps and segments
     * store their tokens at different times. Every read naming its own write's position still sees it.
     */
    @Test
    void concurrentWritersEachReadTheirOwnWrites() throws Exception {
        int writers = 8;
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int writer = 0; writer < writers; writer++) {
                results.add(pool.submit(() -> {
                    TestEventStore store = new TestEventStore(eventStoreUrl);
                    HttpClientSupport client = new HttpClientSupport(port);
                    UUID account = UUID.randomUUID();
                    store.account(account, new AccountOpened(account, "Writer", "owner-1"));
                    List<String> stale = new ArrayList<>();
                    for (int deposit = 1; deposit <= 40; deposit++) {
                        store.account(account, new MoneyDeposited(account, Money.of(1), Money.of(deposit)));
                        long position = store.number("SELECT global_index FROM domain_event_entry WHERE "
                                + "aggregate_identifier = '" + account + "' AND sequence_number = " + deposit);
                        Response read = client.get("/api/accounts/" + account, MIN_POSITION,
                                Long.toString(position));
                        if (read.status() != 200 || read.json().get("version").asLong() != deposit) {
                            stale.add(account + " deposit " + deposit + " at " + position + ": " + read.status()
                                      + " " + read.body());
                        }
                    }
                    return stale;
                }));
            }
        }
        List<String> stale = new ArrayList<>();
        for (Future<List<String>> result : results) {
            stale.addAll(result.get());
        }
        assertThat(stale).isEmpty();
    }

    @Test
    void aPositionNotReachedWithinTheWaitIs503WithRetryAfter() {
        UUID account = UUID.randomUUID();
        events.account(account, new AccountOpened(account, "Choi Yuna", "owner-1"));
        long beyond = lastPosition(account) + 1000;

        Response read = http.get("/api/accounts/" + account, MIN_POSITION, Long.toString(beyond));

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.header("Retry-After")).isEqualTo("1");
        assertThat(read.header("Content-Type")).startsWith("application/problem+json");
        assertThat(read.json().get("type").asText()).isEqualTo("urn:problem:not-yet-consistent");
    }

    @Test
    void aPositionThatIsNoNumberIs400() {
        for (String malformed : new String[]{"abc", "-1", "1.5", "99999999999999999999", ""}) {
            Response read = http.get("/api/accounts", MIN_POSITION, malformed);

            assertThat(read.status()).as(malformed).isEqualTo(400);
            assertThat(read.json().get("errors").get(0).get("field").asText()).isEqualTo(MIN_POSITION);
        }
    }

    private long lastPosition(UUID aggregate) {
        return events.number("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = '"
                + aggregate + "'");
    }

    /** An aggregate of another of the four segments, by the hash the sequencing policy uses. */
    private static UUID otherSegmentThan(UUID aggregate) {
        UUID other;
        do {
            other = UUID.randomUUID();
        } while ((other.toString().hashCode() & 3) == (aggregate.toString().hashCode() & 3));
        return other;
    }
}

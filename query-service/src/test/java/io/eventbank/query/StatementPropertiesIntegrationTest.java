package io.eventbank.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import io.eventbank.testsupport.FreshDatabaseInitializer;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.TestTokensInitializer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statements agree with the ledger to the cent for any period boundaries: for balance changes stamped in any order
 * within two seconds (as several command instances stamp them) and any period around them, the opening and closing
 * balances are those of the last event stamped before {@code from} and before {@code to}, the entries those in
 * between by sequence, and every entry and total adds up.
 */
class StatementPropertiesIntegrationTest {

    private static final Instant BASE = Instant.parse("2026-11-01T12:00:00.000Z");

    private static ConfigurableApplicationContext service;
    private static TestEventStore events;
    private static HttpClientSupport http;

    /** A balance change as drawn: its amount in cents, whether it is a deposit, and its stamp after BASE in ms. */
    private record Change(long cents, boolean deposit, int stampMillis) {
    }

    @BeforeContainer
    static void start() {
        service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .initializers(new FreshDatabaseInitializer(), new FreshEventStoreInitializer(),
                        new TestTokensInitializer())
                .properties("server.port=0", "DB_POOL_SIZE=3", "eventbank.projections.fetch-delay=50ms")
                .run();
        events = new TestEventStore(service.getEnvironment().getRequiredProperty("test.eventstore.url"));
        http = new HttpClientSupport(service.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    @Property(tries = 40)
    void theStatementAgreesWithTheLedger(@ForAll("changes") List<Change> changes,
                                         @ForAll("boundaries") List<Integer> boundaries) {
        UUID account = UUID.randomUUID();
        List<Map.Entry<Instant, Object>> stamped = new ArrayList<>();
        List<Instant> stamps = new ArrayList<>();
        List<BigDecimal> balances = new ArrayList<>();
        stamped.add(Map.entry(BASE, new AccountOpened(account, "Property", "owner-1")));
        stamps.add(BASE);
        balances.add(BigDecimal.ZERO.setScale(2));
        for (Change change : changes) {
            BigDecimal amount = BigDecimal.valueOf(change.cents(), 2);
            BigDecimal before = balances.getLast();
            boolean deposit = change.deposit() || before.compareTo(amount) < 0;
            BigDecimal after = deposit ? before.add(amount) : before.subtract(amount);
            Instant at = BASE.plusMillis(change.stampMillis());
            stamped.add(Map.entry(at, deposit ? new MoneyDeposited(account, Money.of(amount), Money.of(after))
                    : new MoneyWithdrawn(account, Money.of(amount), Money.of(after))));
            stamps.add(at);
            balances.add(after);
        }
        events.appendAt("Account", account, Map.of(), stamped);
        String position = Long.toString(events.number("SELECT max(global_index) FROM domain_event_entry"));
        Instant from = BASE.plusMillis(Math.min(boundaries.get(0), boundaries.get(1)));
        Instant to = BASE.plusMillis(Math.max(boundaries.get(0), boundaries.get(1)));

        String path = "/api/accounts/" + account + "/statement?from=" + from + "&to=" + to;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path, "Min-Event-Position", position)
                .status() != 503);
        Response answer = http.get(path, "Min-Event-Position", position);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode statement = answer.json();
        int before = lastStampedBefore(stamps, from);
        int end = lastStampedBefore(stamps, to);
        BigDecimal opening = before < 0 ? BigDecimal.ZERO : balances.get(before);
        BigDecimal closing = end < 0 ? BigDecimal.ZERO : balances.get(end);
        assertThat(statement.get("openingBalance").decimalValue()).isEqualByComparingTo(opening);
        assertThat(statement.get("closingBalance").decimalValue()).isEqualByComparingTo(closing);
        List<Long> expected = new ArrayList<>();
        for (int sequence = before + 1; sequence <= end; sequence++) {
            if (sequence > 0) {
                expected.add((long) sequence);
            }
        }
        List<Long> sequences = new ArrayList<>();
        BigDecimal running = opening;
        for (JsonNode entry : statement.get("entries")) {
            sequences.add(entry.get("sequence").asLong());
            BigDecimal amount = entry.get("amount").decimalValue();
            running = entry.get("type").asText().equals("DEPOSIT") ? running.add(amount) : running.subtract(amount);
            assertThat(entry.get("balanceAfter").decimalValue()).as(entry.toString()).isEqualByComparingTo(running)
                    .isEqualByComparingTo(balances.get(entry.get("sequence").asInt()));
        }
        assertThat(sequences).isEqualTo(expected);
        assertThat(opening.add(statement.get("totalIn").decimalValue()).subtract(statement.get("totalOut").decimalValue()))
                .isEqualByComparingTo(closing);
    }

    /** The index of the last event, by sequence, stamped strictly before the instant; -1 for none. */
    private static int lastStampedBefore(List<Instant> stamps, Instant instant) {
        int last = -1;
        for (int i = 0; i < stamps.size(); i++) {
            if (stamps.get(i).isBefore(instant)) {
                last = i;
            }
        }
        return last;
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        return Combinators.combine(Arbitraries.longs().between(1, 10_000_000), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 2000))
                .as(Change::new).list().ofMinSize(0).ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Integer>> boundaries() {
        return Arbitraries.integers().between(-100, 2100).list().ofSize(2);
    }
}

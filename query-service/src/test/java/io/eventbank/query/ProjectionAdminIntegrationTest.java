package io.eventbank.query;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QueryServiceIntegrationTest
@TestPropertySource(properties = "eventbank.projections.dead-letter-retry-interval=1h")
class ProjectionAdminIntegrationTest {

    private static final List<String> READ_MODEL_TABLES = List.of("account_summary", "account_ledger_entry",
            "order_customer", "order_summary", "order_line");

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient readModel;

    @Autowired
    TestEventStore events;

    @Test
    void processorsArePooledWithTheirTokensInTheReadModelDatabaseCommittedBySpringTransactions(
            @Autowired EventProcessingConfiguration processing, @Autowired TransactionManager axonTransactions,
            @Autowired PlatformTransactionManager springTransactions, @Autowired EventStore eventStore) {
        for (String processor : List.of("accounts-blue", "accounts-green", "orders-blue", "orders-green")) {
            assertThat(processing.eventProcessor(processor)).containsInstanceOf(PooledStreamingEventProcessor.class);
            assertThat(processing.tokenStore(processor)).isInstanceOf(JdbcTokenStore.class);
        }
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
        assertThat(springTransactions).isInstanceOf(JpaTransactionManager.class);
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readModel
                .sql("SELECT processor_name, count(*) FROM token_entry WHERE processor_name IN (SELECT projection "
                     + "|| '-' || active_slot FROM projection_generation) GROUP BY processor_name ORDER BY 1")
                .query((row, n) -> row.getString(1).replaceAll("-(blue|green)$", "") + "=" + row.getInt(2)).list())
                .containsExactly("accounts=4", "orders=4"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Stream.of("accounts", "orders")
                .map(name -> name + "-" + (ActiveSlots.schema(readModel, name).endsWith("blue") ? "green" : "blue"))
                .filter(idle -> processing.eventProcessor(idle).orElseThrow().isRunning()))
                .as("the processors of the idle slots are shut down").isEmpty());
        assertThat(events.number("SELECT count(*) FROM token_entry")).isZero();
    }

    @Test
    void listsEveryProcessorWithPositionHeadAndLag() {
        seed();
        long head = events.number("SELECT max(global_index) FROM domain_event_entry");

        awaitCaughtUp(head);

        http.get().uri("/api/admin/projections").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].name").isEqualTo(List.of("accounts", "orders"))
                .jsonPath("$[0].status").isEqualTo("RUNNING")
                .jsonPath("$[0].position").isEqualTo((int) head)
                .jsonPath("$[0].headPosition").isEqualTo((int) head)
                .jsonPath("$[0].lag").isEqualTo(0)
                .jsonPath("$[0].replaying").isEqualTo(false)
                .jsonPath("$[0].activeSlot").value(String.class, slot -> assertThat(slot).isIn("blue", "green"))
                .jsonPath("$[0].rebuild").doesNotExist()
                .jsonPath("$[0].segments.length()").isEqualTo(4)
                .jsonPath("$[0].segments[0].claimedHere").isEqualTo(true)
                .jsonPath("$[0].segments[0].owner").isNotEmpty()
                .jsonPath("$[0].segments[0].error").isEmpty();
    }

    @Test
    void replayRebuildsTheSameRows() {
        seed();
        long head = events.number("SELECT max(global_index) FROM domain_event_entry");
        awaitCaughtUp(head);
        Map<String, List<String>> before = readModelRows();
        readModel.sql("UPDATE account_summary SET holder_name = 'tampered'").update();
        readModel.sql("UPDATE order_summary SET customer_name = 'tampered'").update();

        List<String> slotsBefore = activeSlots();

        for (String projection : List.of("accounts", "orders")) {
            http.post().uri("/api/admin/projections/{name}/replay", projection).exchange()
                    .expectStatus().isAccepted()
                    .expectBody()
                    .jsonPath("$.name").isEqualTo(projection)
                    .jsonPath("$.replaying").isEqualTo(true)
                    .jsonPath("$.rebuild.slot").value(String.class, slot -> assertThat(slot).isIn("blue", "green"));
        }

        awaitCaughtUp(head);
        assertThat(activeSlots()).as("both projections switched to their rebuilt slot")
                .doesNotContainAnyElementsOf(slotsBefore);
        assertThat(readModelRows()).isEqualTo(before);
        assertThat(before.get("account_summary")).isNotEmpty();
        assertThat(before.get("order_line")).isNotEmpty();
    }

    @Test
    void replayOfAnUnknownProjectionIsNotFound() {
        http.post().uri("/api/admin/projections/nonsense/replay").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:problem:not-found")
                .jsonPath("$.detail").isEqualTo("no projection named 'nonsense'");
    }

    /**
     * A replay rebuilds the idle slot while the public read model keeps every row of the active one: a poller that
     * counts the rows and reads a known account until the switch never sees fewer rows, nor a 404. The rebuild is
     * held back (every insert into the rebuilt slot's summaries sleeps) so that there is a "during"; a second replay
     * meanwhile is refused.
     */
    @Test
    void theLiveReadModelKeepsItsRowsWhileTheOtherSlotIsRebuiltAndASecondReplayIsRefused() {
        UUID known = seed();
        long head = events.number("SELECT max(global_index) FROM domain_event_entry");
        awaitCaughtUp(head);
        Map<String, Integer> before = rowCounts();
        String slowTable = ActiveSlots.idleSchema(readModel, "accounts") + ".account_summary";
        readModel.sql("""
                CREATE FUNCTION slow_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$""").update();
        readModel.sql("CREATE TRIGGER slow_rebuild BEFORE INSERT ON " + slowTable
                      + " FOR EACH STATEMENT EXECUTE FUNCTION slow_rebuild()").update();
        try {
            String slotBefore = activeSlots().getFirst();
            http.post().uri("/api/admin/projections/accounts/replay").exchange()
                    .expectStatus().isAccepted()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("REPLAYING")
                    .jsonPath("$.activeSlot").isEqualTo(slotBefore)
                    .jsonPath("$.rebuild.slot").isNotEmpty();
            http.post().uri("/api/admin/projections/accounts/replay").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:problem:replay-in-progress")
                    .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("accounts"));

            int pollsDuringRebuild = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (activeSlots().getFirst().equals(slotBefore)) {
                assertThat(System.nanoTime()).as("the rebuild switches in time").isLessThan(deadline);
                Map<String, Integer> now = rowCounts();
                before.forEach((table, rows) -> assertThat(now.get(table)).as(table + " during the rebuild")
                        .isGreaterThanOrEqualTo(rows));
                http.get().uri("/api/accounts/{id}", known).exchange().expectStatus().isOk();
                pollsDuringRebuild++;
            }
            assertThat(pollsDuringRebuild).as("polls while the other slot was rebuilt").isGreaterThan(3);
        } finally {
            readModel.sql("DROP TRIGGER slow_rebuild ON " + slowTable).update();
            readModel.sql("DROP FUNCTION slow_rebuild()").update();
        }
        awaitCaughtUp(head);
        assertThat(rowCounts()).isEqualTo(before);
    }

    /**
     * A failure of the read-model database itself (here a trigger answering SQLSTATE 40001, a serialization failure)
     * is no fault of the event: the batch is retried with back-off and shown as failing, nothing is parked or
     * skipped, and the events are applied once the cause is gone.
     */
    @Test
    void aFailureOfTheDatabaseItselfIsRetriedNotParkedAndShownUntilItSucceeds() {
        refuseLedgerAmount("13.13", "40001");
        UUID accountId = UUID.randomUUID();
        try {
            events.account(accountId, new AccountOpened(accountId, "Unlucky Holder", "test-owner"),
                    new MoneyDeposited(accountId, Money.of("13.13"), Money.of("13.13")));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                    .exchange()
                    .expectBody()
                    .jsonPath("$[0].name").isEqualTo("accounts")
                    .jsonPath("$[0].status").isEqualTo("ERROR")
                    .jsonPath("$[0].deadLetters").isEqualTo(0)
                    .jsonPath("$[0].lag").value(Integer.class, lag -> assertThat(lag).isPositive())
                    .jsonPath("$[0].segments[?(@.error != null)].error.message").value(List.class, messages ->
                            assertThat(messages).singleElement().asString().contains("the ledger refuses 13.13"))
                    .jsonPath("$[0].segments[?(@.error != null)].error.attempts").value(List.class, attempts ->
                            assertThat((Integer) attempts.getFirst()).isGreaterThanOrEqualTo(2)));
            http.get().uri("/actuator/health/projections").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DEGRADED");
            http.get().uri("/actuator/health").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
            assertThat(readModel.sql("SELECT count(*) FROM account_summary WHERE account_id = ? AND version > 0")
                    .param(accountId).query(Integer.class).single())
                    .as("the failing deposit is not applied, nor skipped past").isZero();
        } finally {
            dropLedgerRefusal();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/api/accounts/{id}", accountId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.balance").isEqualTo(13.13));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                .exchange()
                .expectBody()
                .jsonPath("$[0].status").isEqualTo("RUNNING")
                .jsonPath("$[0].deadLetters").isEqualTo(0)
                .jsonPath("$[0].segments[?(@.error != null)]").isEmpty());
        http.get().uri("/actuator/health/projections").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    /**
     * A trigger that refuses a row (PL/pgSQL's RAISE EXCEPTION, SQLSTATE P0001) refuses that event's data: the event
     * is parked with its aggregate's later events, while another account of the same batch goes on.
     */
    @Test
    void aTriggerThatRefusesARowParksOnlyThatAggregate() {
        refuseLedgerAmount("13.13", "P0001");
        UUID unlucky = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try {
            events.account(unlucky, new AccountOpened(unlucky, "Unlucky Holder", "test-owner"),
                    new MoneyDeposited(unlucky, Money.of("13.13"), Money.of("13.13")),
                    new MoneyDeposited(unlucky, Money.of("1.00"), Money.of("14.13")));
            events.account(other, new AccountOpened(other, "Other Holder", "test-owner"),
                    new MoneyDeposited(other, Money.of("5.00"), Money.of("5.00")));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                    .exchange()
                    .expectBody()
                    .jsonPath("$[0].status").isEqualTo("DEGRADED")
                    .jsonPath("$[0].lag").isEqualTo(0)
                    .jsonPath("$[0].deadLetters").isEqualTo(2)
                    .jsonPath("$[0].deadLetterSequences[0].aggregateId").isEqualTo(unlucky.toString())
                    .jsonPath("$[0].deadLetterSequences[0].cause").value(String.class,
                            cause -> assertThat(cause).contains("the ledger refuses 13.13")));
            http.get().uri("/api/accounts/{id}", other).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(5.00);
            http.get().uri("/api/accounts/{id}", unlucky).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(0.00);
        } finally {
            dropLedgerRefusal();
        }

        http.post().uri("/api/admin/projections/accounts/dead-letters/retry").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.eventsRemaining").isEqualTo(0);
        http.get().uri("/api/accounts/{id}", unlucky).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(14.13);
    }

    private void refuseLedgerAmount(String amount, String sqlState) {
        readModel.sql("""
                CREATE FUNCTION refuse_unlucky_entries() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.amount = %s THEN
                        RAISE EXCEPTION 'the ledger refuses %s' USING ERRCODE = '%s';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(amount, amount, sqlState)).update();
        readModel.sql("CREATE TRIGGER refuse_unlucky_entries BEFORE INSERT ON " + activeLedger()
                      + " FOR EACH ROW EXECUTE FUNCTION refuse_unlucky_entries()").update();
    }

    private void dropLedgerRefusal() {
        readModel.sql("DROP TRIGGER refuse_unlucky_entries ON " + activeLedger()).update();
        readModel.sql("DROP FUNCTION refuse_unlucky_entries()").update();
    }

    /**
     * A poison event: someone corrupted one account's summary by hand, so the account projection refuses that
     * account's next deposit (its balance would not match the event's balanceAfter). Only that account stops: its
     * events are parked in the dead-letter queue, visible in the admin status, while every other account goes on.
     * Once the row is corrected, a retry drains the queue in order. Axon's default of logging and skipping would lose
     * the deposit for good; retrying forever would stop every account of the segment.
     */
    @Test
    void aPoisonEventStopsOnlyItsAggregateAndARetryDrainsItOnceFixed() {
        UUID unlucky = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        events.account(unlucky, new AccountOpened(unlucky, "Unlucky Holder", "test-owner"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/accounts/{id}", unlucky)
                .exchange().expectStatus().isOk());
        readModel.sql("UPDATE account_summary SET balance = 99.99 WHERE account_id = ?").param(unlucky).update();

        events.account(unlucky, new MoneyDeposited(unlucky, Money.of("13.13"), Money.of("13.13")),
                new MoneyDeposited(unlucky, Money.of("1.00"), Money.of("14.13")));
        events.account(other, new AccountOpened(other, "Other Holder", "test-owner"),
                new MoneyDeposited(other, Money.of("5.00"), Money.of("5.00")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                .exchange()
                .expectBody()
                .jsonPath("$[0].name").isEqualTo("accounts")
                .jsonPath("$[0].status").isEqualTo("DEGRADED")
                .jsonPath("$[0].lag").isEqualTo(0)
                .jsonPath("$[0].deadLetters").isEqualTo(2)
                .jsonPath("$[0].deadLetterSequences[0].aggregateId").isEqualTo(unlucky.toString())
                .jsonPath("$[0].deadLetterSequences[0].eventType").isEqualTo("MoneyDeposited")
                .jsonPath("$[0].deadLetterSequences[0].cause").value(String.class,
                        cause -> assertThat(cause).contains("out of step")));
        http.get().uri("/api/accounts/{id}", other).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(5.00);
        http.post().uri("/api/admin/projections/accounts/dead-letters/retry").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.eventsRemaining").isEqualTo(2);

        readModel.sql("UPDATE account_summary SET balance = 0 WHERE account_id = ?").param(unlucky).update();
        http.post().uri("/api/admin/projections/accounts/dead-letters/retry").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.sequencesProcessed").isEqualTo(1)
                .jsonPath("$.eventsRemaining").isEqualTo(0);
        http.get().uri("/api/accounts/{id}", unlucky).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.balance").isEqualTo(14.13)
                .jsonPath("$.version").isEqualTo(2);
        http.get().uri("/api/accounts/{id}/transactions", unlucky).exchange()
                .expectBody().jsonPath("$.content[*].amount").isEqualTo(List.of(13.13, 1.00));
        http.get().uri("/api/admin/projections").exchange()
                .expectBody()
                .jsonPath("$[0].status").isEqualTo("RUNNING")
                .jsonPath("$[0].deadLetters").isEqualTo(0);
    }

    private String activeLedger() {
        return ActiveSlots.schema(readModel, "accounts") + ".account_ledger_entry";
    }

    /** Seeds an account with orders; answers the account. */
    private UUID seed() {
        UUID accountId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        UUID earlyOrder = UUID.randomUUID();
        List<OrderLine> lines = List.of(new OrderLine("sku-1", 2, Money.of("12.50")));
        events.order(earlyOrder, new OrderPlaced(earlyOrder, accountId, lines, Money.of("25.00"), "test-owner"));
        events.account(accountId, new AccountOpened(accountId, "Replay Holder", "test-owner"),
                new MoneyDeposited(accountId, Money.of(10000), Money.of(10000)));
        events.order(orderId, new OrderPlaced(orderId, accountId, lines, Money.of("25.00"), "test-owner"),
                new OrderPaid(orderId, accountId, Money.of("25.00")));
        return accountId;
    }

    /** The active slot of accounts, then of orders. */
    private List<String> activeSlots() {
        return readModel.sql("SELECT active_slot FROM projection_generation ORDER BY projection")
                .query(String.class).list();
    }

    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            counts.put(table, readModel.sql("SELECT count(*) FROM " + table).query(Integer.class).single());
        }
        return counts;
    }

    private void awaitCaughtUp(long head) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                .exchange()
                .expectBody()
                .jsonPath("$[*].status").isEqualTo(List.of("RUNNING", "RUNNING"))
                .jsonPath("$[*].replaying").isEqualTo(List.of(false, false))
                .jsonPath("$[*].position").isEqualTo(List.of((int) head, (int) head)));
    }

    private Map<String, List<String>> readModelRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            rows.put(table, readModel.sql("SELECT t::text FROM " + table + " t ORDER BY 1")
                    .query(String.class).list());
        }
        return rows;
    }
}

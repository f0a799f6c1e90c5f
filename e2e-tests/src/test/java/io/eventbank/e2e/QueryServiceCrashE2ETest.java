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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query service is killed with SIGKILL in the middle of a burst of commands and started again: its read models
 * end up equal to the fold of the events in the store, with no effect lost or applied twice.
 */
class QueryServiceCrashE2ETest {

    private static final int ACCOUNTS = 6;
    private static final int COMMANDS_PER_CLIENT = 60;
    private static final int CLIENTS = 4;

    private static ServicePair pair;

    @BeforeAll
    static void startServices() {
        pair = new ServicePair(Map.of()).start();
    }

    @AfterAll
    static void stopServices() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void killedMidBurstTheQueryServiceCatchesUpToTheFoldOfAllEvents() throws Exception {
        HttpClientSupport commands = pair.command.http();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String account = commands.openAccount("Holder " + i);
            commands.deposit(account, "1000");
            accounts.add(account);
        }

        AtomicInteger sent = new AtomicInteger();
        List<Future<List<Integer>>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                long seed = c;
                clients.add(pool.submit(() -> burst(commands, accounts, new Random(seed), sent)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= CLIENTS * COMMANDS_PER_CLIENT / 3);
            pair.query.kill();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> client : clients) {
            statuses.addAll(client.get());
        }
        assertThat(statuses).allMatch(status -> status == 200 || status == 201 || status == 422);

        pair.query.start();
        ReadSide reads = new ReadSide(pair.query.http());
        reads.awaitCaughtUp(Duration.ofSeconds(60));

        Map<String, Fold> expected = foldAccountEvents();
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(accounts);
        for (String account : accounts) {
            Fold fold = expected.get(account);
            JsonNode summary = reads.get("/api/accounts/" + account);
            assertThat(summary.get("balance").decimalValue()).as(account).isEqualByComparingTo(fold.balance);
            assertThat(summary.get("version").asLong()).as(account).isEqualTo(fold.version);
            List<JsonNode> ledger = reads.all("/api/accounts/" + account + "/transactions");
            assertThat(ledger).extracting(entry -> entry.get("sequence").asLong()).as(account)
                    .containsExactlyElementsOf(fold.ledgerSequences);
            assertThat(ledger).extracting(entry -> plain(entry.get("balanceAfter").decimalValue())).as(account)
                    .containsExactlyElementsOf(fold.ledgerBalances);
        }
        Map<String, String> orderStatuses = foldOrderStatuses();
        for (JsonNode row : reads.all("/api/orders")) {
            assertThat(row.get("status").asText()).isEqualTo(orderStatuses.remove(row.get("orderId").asText()));
        }
        assertThat(orderStatuses).as("orders missing on the read side").isEmpty();
    }

    private static List<Integer> burst(HttpClientSupport commands, List<String> accounts, Random random,
                                       AtomicInteger sent) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
            String account = accounts.get(random.nextInt(accounts.size()));
            String amount = BigDecimal.valueOf(1 + random.nextInt(20000), 2).toPlainString();
            Response response = switch (random.nextInt(5)) {
                case 0, 1 -> commands.deposit(account, amount);
                case 2, 3 -> commands.withdraw(account, amount);
                default -> commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": "
                        + "[{\"productId\": \"sku\", \"quantity\": 1, \"unitPrice\": " + amount + "}]}");
            };
            statuses.add(response.status());
            sent.incrementAndGet();
        }
        return statuses;
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private record Fold(BigDecimal balance, long version, List<Long> ledgerSequences, List<String> ledgerBalances) {
    }

    /** Folds every account's events as they are in the store: balance, version and the balance-changing entries. */
    private static Map<String, Fold> foldAccountEvents() throws SQLException {
        Map<String, BigDecimal> balances = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        Map<String, List<Long>> sequences = new HashMap<>();
        Map<String, List<String>> afters = new HashMap<>();
        try (Connection connection = pair.eventStoreConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_id::text, event_type, event_version, "
                     + "(event_data->>'amount')::numeric AS amount FROM events WHERE aggregate_type = 'Account' "
                     + "ORDER BY aggregate_id, event_version")) {
            while (rows.next()) {
                String id = rows.getString(1);
                String type = rows.getString(2);
                long version = rows.getLong(3);
                BigDecimal amount = rows.getBigDecimal(4);
                BigDecimal balance = balances.getOrDefault(id, BigDecimal.ZERO.setScale(2));
                BigDecimal next = switch (type) {
                    case "MoneyDeposited", "AccountRefundedForOrder" -> balance.add(amount);
                    case "MoneyWithdrawn", "AccountChargedForOrder" -> balance.subtract(amount);
                    default -> null;
                };
                versions.put(id, version);
                if (next != null) {
                    assertThat(next.signum()).as("balance of " + id + " never negative").isGreaterThanOrEqualTo(0);
                    balances.put(id, next);
                    sequences.computeIfAbsent(id, k -> new ArrayList<>()).add(version);
                    afters.computeIfAbsent(id, k -> new ArrayList<>()).add(plain(next));
                } else {
                    balances.putIfAbsent(id, balance);
                }
            }
        }
        Map<String, Fold> folds = new HashMap<>();
        versions.forEach((id, version) -> folds.put(id, new Fold(balances.get(id), version,
                sequences.getOrDefault(id, List.of()), afters.getOrDefault(id, List.of()))));
        return folds;
    }

    private static Map<String, String> foldOrderStatuses() throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection connection = pair.eventStoreConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_id::text, event_type FROM events "
                     + "WHERE aggregate_type = 'Order' ORDER BY aggregate_id, event_version")) {
            while (rows.next()) {
                statuses.put(rows.getString(1), switch (rows.getString(2)) {
                    case "OrderPlaced" -> "PLACED";
                    case "OrderPaid" -> "PAID";
                    case "OrderRejected" -> "REJECTED";
                    case "OrderShipped" -> "SHIPPED";
                    case "OrderCancelled" -> "CANCELLED";
                    default -> throw new IllegalStateException(rows.getString(2));
                });
            }
        }
        return statuses;
    }
}

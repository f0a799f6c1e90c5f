package io.eventbank.reliability;

import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ServicePairExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one event store, eight clients racing deposits and withdrawals on a few
 * accounts through both. Nothing serialises the instances but the unique (aggregate, sequence) key: every lost race
 * must end in a retry or a 409, never a 5xx, and the books must balance exactly. Both run with the setting that
 * several instances need: a cached aggregate is checked against the store before use.
 */
class BankInvariantsReliabilityTest {

    private static final int CLIENTS = 8;
    private static final int COMMANDS_PER_CLIENT = 80;
    private static final int ACCOUNTS = 3;
    private static final BigDecimal OPENING_DEPOSIT = new BigDecimal("1000.00");

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(Map.of("AGGREGATE_CACHE_CHECK", "true"))
            .withCommandInstances(2)
            .withQueryInstances(0);

    private record Outcome(String account, boolean deposit, BigDecimal amount, int status, String problemType) {
    }

    @Test
    void booksBalanceUnderContentionAcrossTwoInstances() throws Exception {
        List<HttpClientSupport> instances = List.of(pair.command(0).http(), pair.command(1).http());
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String account = instances.get(i % 2).openAccount("Holder " + i);
            assertThat(instances.get(i % 2).deposit(account, OPENING_DEPOSIT.toPlainString()).status()).isEqualTo(200);
            accounts.add(account);
        }

        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(42 + c);
                clients.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
                        String account = accounts.get(random.nextInt(ACCOUNTS));
                        boolean deposit = random.nextBoolean();
                        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(30000), 2);
                        HttpClientSupport instance = instances.get(random.nextInt(2));
                        Response response = deposit ? instance.deposit(account, amount.toPlainString())
                                : instance.withdraw(account, amount.toPlainString());
                        String type = response.status() >= 400 ? response.json().path("type").asText() : null;
                        outcomes.add(new Outcome(account, deposit, amount, response.status(), type));
                    }
                    return null;
                }));
            }
            go.countDown();
        }
        for (Future<?> client : clients) {
            client.get();
        }

        Map<Integer, Long> statuses = new HashMap<>();
        outcomes.forEach(o -> statuses.merge(o.status(), 1L, Long::sum));
        assertThat(statuses.keySet()).as("statuses " + statuses).isSubsetOf(200, 409, 422);
        assertThat(outcomes.stream().filter(o -> o.status() == 422).map(Outcome::problemType))
                .allMatch("urn:problem:insufficient-funds"::equals);
        assertThat(outcomes.stream().filter(o -> o.status() == 409).map(Outcome::problemType))
                .allMatch("urn:problem:concurrent-modification"::equals);

        long eventsChecked = 0;
        try (Connection connection = pair.eventStoreConnection()) {
            for (String account : accounts) {
                List<Outcome> accepted = outcomes.stream()
                        .filter(o -> o.account().equals(account) && o.status() == 200).toList();
                BigDecimal expected = OPENING_DEPOSIT.add(accepted.stream()
                        .map(o -> o.deposit() ? o.amount() : o.amount().negate())
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
                Fold fold = fold(connection, account);
                eventsChecked += fold.events();
                assertThat(fold.balance()).as("final balance of " + account).isEqualByComparingTo(expected);
                assertThat(fold.balanceChanges()).as("events = 2xx responses for " + account)
                        .isEqualTo(accepted.size() + 1);
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("commandServiceInstances", 2);
        figures.put("clients", CLIENTS);
        figures.put("accounts", ACCOUNTS);
        figures.put("commands", outcomes.size());
        figures.put("statuses", statuses);
        figures.put("eventsChecked", eventsChecked);
        figures.put("lost", 0);
        Report.write("bank-invariants", figures);
    }

    private record Fold(BigDecimal balance, long balanceChanges, long events) {
    }

    /** Replays an account's events: sequence numbers gap-free, the balance never negative, balanceAfter right. */
    static Fold fold(Connection connection, String account) throws SQLException {
        BigDecimal balance = BigDecimal.ZERO;
        long changes = 0;
        long expectedVersion = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_type, event_version, "
                     + "(event_data->>'amount')::numeric, (event_data->>'balanceAfter')::numeric FROM events "
                     + "WHERE aggregate_id = '" + account + "' ORDER BY event_version")) {
            while (rows.next()) {
                assertThat(rows.getLong(2)).as("gap-free sequence of " + account).isEqualTo(expectedVersion++);
                BigDecimal amount = rows.getBigDecimal(3);
                switch (rows.getString(1)) {
                    case "MoneyDeposited", "AccountRefundedForOrder" -> balance = balance.add(amount);
                    case "MoneyWithdrawn", "AccountChargedForOrder" -> balance = balance.subtract(amount);
                    default -> {
                        continue;
                    }
                }
                changes++;
                assertThat(balance.signum()).as("balance of " + account + " never negative").isNotNegative();
                assertThat(rows.getBigDecimal(4)).as("balanceAfter of " + account).isEqualByComparingTo(balance);
            }
        }
        return new Fold(balance, changes, expectedVersion);
    }
}

package io.eventbank.command.account;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Twenty withdrawals race for one balance: the aggregate lets exactly as many through as the balance covers. */
class ConcurrentWithdrawalsIntegrationTest extends CommandServiceIntegrationTest {

    @Test
    void twentyParallelWithdrawalsOfTenThousandFromFiftyThousand() throws Exception {
        String account = http.openAccount("Kim Minji");
        http.deposit(account, "50000");
        long eventsBefore = eventCount(account);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                futures.add(clients.submit(() -> {
                    start.await();
                    return http.withdraw(account, "10000");
                }));
            }
            start.countDown();
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }

        Map<Integer, Long> statuses = responses.stream()
                .collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(200, 5L, 422, 15L));
        assertThat(responses.stream().filter(r -> r.status() == 422).map(r -> r.json().get("type").asText()))
                .containsOnly("urn:problem:insufficient-funds");
        assertThat(responses.stream().filter(r -> r.status() == 200).map(r -> r.json().get("version").asLong()))
                .containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L);

        assertThat(eventCount(account)).isEqualTo(eventsBefore + 5);
        BigDecimal finalBalance = jdbc.queryForObject("""
                SELECT sum(CASE event_type WHEN 'MoneyDeposited' THEN (event_data->>'amount')::numeric
                                           WHEN 'MoneyWithdrawn' THEN -(event_data->>'amount')::numeric
                                           ELSE 0 END)
                FROM events WHERE aggregate_id = ?::uuid""", BigDecimal.class, account);
        assertThat(finalBalance).isEqualByComparingTo("0");
        assertThat(jdbc.queryForList("SELECT (event_data->>'balanceAfter')::numeric FROM events "
                        + "WHERE aggregate_id = ?::uuid AND event_type = 'MoneyWithdrawn' ORDER BY event_version",
                BigDecimal.class, account).stream().map(BigDecimal::intValue).toList())
                .containsExactly(40000, 30000, 20000, 10000, 0);
    }
}

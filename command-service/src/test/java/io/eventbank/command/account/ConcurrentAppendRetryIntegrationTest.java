package io.eventbank.command.account;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.command.support.RivalWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another writer takes the sequence number the service is about to append: the unique key refuses the service's
 * append, and the retry reloads the account and applies the command on top of the rival's event.
 */
class ConcurrentAppendRetryIntegrationTest extends CommandServiceIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aLostAppendRaceIsRetriedOnTheNewState() throws Exception {
        String account = http.openAccount("Kim Minji");
        http.deposit(account, "100");

        Response response = new RivalWriter(dataSource).depositDuring(account, "7", () -> http.deposit(account, "10"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"3\"");
        assertThat(jdbc.queryForList("SELECT (event_data->>'balanceAfter')::numeric FROM events "
                        + "WHERE aggregate_id = ?::uuid AND event_type = 'MoneyDeposited' ORDER BY event_version",
                BigDecimal.class, account).stream().map(BigDecimal::toPlainString).toList())
                .isEqualTo(List.of("100.00", "107.00", "117.00"));
    }
}

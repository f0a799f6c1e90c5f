package io.eventbank.command.account;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.command.support.RivalWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** With retries exhausted (here: none allowed), a lost append race is answered 409 and writes nothing. */
@TestPropertySource(properties = "eventbank.command.max-retries=0")
class ConcurrentAppendConflictIntegrationTest extends CommandServiceIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void anUnresolvedRaceIs409() throws Exception {
        String account = http.openAccount("Kim Minji");
        http.deposit(account, "100");

        Response response = new RivalWriter(dataSource).depositDuring(account, "7", () -> http.deposit(account, "10"));

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:concurrent-modification");
        assertThat(eventCount(account)).isEqualTo(3);
    }
}

package io.eventbank.command.support;

import io.eventbank.testsupport.FreshDatabaseInitializer;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.TestTokensInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The command service on a random port, over its own freshly created PostgreSQL database, reached through real
 * HTTP, trusting {@code TestTokens} (the client sends an admin's token). Each test class gets a new context and
 * database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {FreshDatabaseInitializer.class, TestTokensInitializer.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class CommandServiceIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HttpClientSupport http;

    @BeforeEach
    void connect() {
        http = new HttpClientSupport(port);
    }

    protected long eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }
}

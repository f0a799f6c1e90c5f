package io.eventbank.bench;

import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP floor of the benchmark: the least a deposit over HTTP must do here, as a Spring Boot process of its own on
 * the services' Tomcat, Spring MVC and Jackson, with virtual threads like the command service and no authentication.
 * It reads the same JSON body ({@code {"amount": 12.34}}), appends one row shaped like the command service's event
 * ({@link SerializedEvent}: payload and metadata serialized by Axon's object mapper) with its unique (aggregate,
 * sequence) key to a {@code domain_event_entry} made by the event store's own migration, in one auto-committed
 * statement on a Hikari pool, and answers 200 with {@code {"accountId", "version"}}. No aggregate is loaded and no
 * rule is checked: each account's next sequence number is counted in memory, as by an aggregate cache that never
 * misses. Only the auto-configurations this needs are imported (no actuator, no Axon, no Flyway); {@code GET /ready}
 * answers 200 once it serves.
 * <p>
 * Environment: {@code SERVER_PORT}, {@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME},
 * {@code SPRING_DATASOURCE_PASSWORD}, {@code DB_POOL_SIZE} (default 20, the command service's).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        DataSourceAutoConfiguration.class})
@Import(HttpFloor.Appends.class)
public class HttpFloor {

    /** What the command service's application.yml sets that the floor's work depends on. */
    static final Map<String, Object> PROPERTIES = Map.of(
            "spring.config.name", "http-floor",
            "spring.threads.virtual.enabled", "true",
            "spring.jackson.deserialization.fail-on-unknown-properties", "true",
            "spring.jackson.deserialization.fail-on-null-for-primitives", "true",
            "spring.jackson.deserialization.fail-on-trailing-tokens", "true",
            "spring.datasource.hikari.maximum-pool-size", "${DB_POOL_SIZE:20}",
            "spring.datasource.hikari.minimum-idle", "2",
            "spring.datasource.hikari.connection-timeout", "5000");

    public static void main(String[] args) {
        start(args);
    }

    /** The floor in this JVM, e.g. with {@code --server.port=0 --spring.datasource.url=...} as arguments. */
    static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(HttpFloor.class);
        application.setDefaultProperties(PROPERTIES);
        return application.run(args);
    }

    @RestController
    static class Appends {

        record AmountRequest(BigDecimal amount) {
        }

        record AccountResult(UUID accountId, long version) {
        }

        private final DataSource dataSource;
        private final Map<UUID, AtomicLong> nextSequence = new ConcurrentHashMap<>();

        Appends(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @PostMapping(path = "/api/accounts/{accountId}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE,
                produces = MediaType.APPLICATION_JSON_VALUE)
        AccountResult deposit(@PathVariable UUID accountId, @RequestBody AmountRequest request) throws SQLException {
            Money amount = Money.of(request.amount());
            return append(accountId, new MoneyDeposited(accountId, amount, amount));
        }

        @PostMapping(path = "/api/accounts/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE,
                produces = MediaType.APPLICATION_JSON_VALUE)
        AccountResult withdraw(@PathVariable UUID accountId, @RequestBody AmountRequest request) throws SQLException {
            Money amount = Money.of(request.amount());
            return append(accountId, new MoneyWithdrawn(accountId, amount, amount));
        }

        @GetMapping("/ready")
        String ready() {
            return "ready";
        }

        private AccountResult append(UUID accountId, Object event) throws SQLException {
            long sequence = nextSequence.computeIfAbsent(accountId, id -> new AtomicLong()).getAndIncrement();
            String trace = UUID.randomUUID().toString();
            SerializedEvent row = SerializedEvent.of("Account", accountId.toString(), sequence, event, trace, trace,
                    Instant.now());
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement(SerializedEvent.INSERT)) {
                row.bind(insert);
                insert.executeUpdate();
            }
            return new AccountResult(accountId, sequence);
        }
    }
}

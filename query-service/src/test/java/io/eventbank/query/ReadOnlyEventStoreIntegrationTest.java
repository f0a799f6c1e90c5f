package io.eventbank.query;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPlaced;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The service reads the event store as a role that may do nothing else there. */
@QueryServiceIntegrationTest
@TestPropertySource(properties = "test.eventstore.reader-role=true")
class ReadOnlyEventStoreIntegrationTest {

    @Autowired
    RestTestClient http;

    @Value("${test.eventstore.url}")
    String eventStoreUrl;

    @Value("${eventstore.datasource.username}")
    String eventStoreUser;

    @Value("${eventstore.datasource.password}")
    String eventStorePassword;

    @Test
    void projectsEventsThroughARoleThatMayOnlySelect(
            @Autowired @Qualifier("eventStoreDataSource") DataSource eventStoreDataSource,
            @Autowired TestEventStore events) {
        assertThat(eventStoreUser).endsWith("_reader");
        JdbcClient asRole = JdbcClient.create(new DriverManagerDataSource(eventStoreUrl, eventStoreUser,
                eventStorePassword));
        assertThatThrownBy(() -> asRole.sql("DELETE FROM domain_event_entry").update())
                .rootCause().hasMessageContaining("permission denied");
        JdbcClient asService = JdbcClient.create(eventStoreDataSource);
        assertThatThrownBy(() -> asService.sql("DELETE FROM domain_event_entry").update())
                .rootCause().hasMessageContaining("read-only transaction");

        UUID accountId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        events.account(accountId, new AccountOpened(accountId, "Read Only", "test-owner"),
                new MoneyDeposited(accountId, Money.of(500), Money.of(500)));
        events.order(orderId, new OrderPlaced(orderId, accountId, List.of(new OrderLine("sku-1", 1, Money.of(5))),
                Money.of(5), "test-owner"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/accounts/{id}", accountId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.balance").isEqualTo(500.0));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/orders/{id}", orderId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.customerName").isEqualTo("Read Only"));
    }
}

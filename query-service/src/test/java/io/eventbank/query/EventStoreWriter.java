package io.eventbank.query;

import io.eventbank.axon.AxonPostgresAutoConfiguration;
import io.eventbank.axon.AxonSchemas;
import io.eventbank.testsupport.PostgresDatabases;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends events to a test's event store as the command service does: Axon's JDBC engine, the snake_case schema,
 * the Jackson serializer, and per aggregate the next sequence number.
 */
final class EventStoreWriter {

    private final JdbcEventStorageEngine engine;
    private final Map<String, Long> nextSequence = new HashMap<>();

    EventStoreWriter(String url) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(AxonPostgresAutoConfiguration.axonObjectMapper())
                .build();
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(ownerDataSource(url)))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonSchemas.eventSchema())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    void account(UUID accountId, Object... events) {
        append("Account", accountId, events);
    }

    void order(UUID orderId, Object... events) {
        append("Order", orderId, events);
    }

    /** Appends the events of one aggregate in one transaction, as one command's events are. */
    void append(String aggregateType, UUID aggregateId, Object... events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            long sequence = nextSequence.merge(aggregateId.toString(), 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, event));
        }
        engine.appendEvents(messages);
    }

    static void executeAsOwner(String url, String... statements) {
        try (Connection connection = ownerDataSource(url).getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGSimpleDataSource ownerDataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(PostgresDatabases.user());
        dataSource.setPassword(PostgresDatabases.password());
        return dataSource;
    }
}

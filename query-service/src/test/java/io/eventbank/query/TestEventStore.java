package io.eventbank.query;

import io.eventbank.axon.AxonPostgresAutoConfiguration;
import io.eventbank.axon.AxonSchemas;
import io.eventbank.testsupport.PostgresDatabases;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test's event store, used as the command service uses it: events appended through Axon's JDBC engine with the
 * snake_case schema, the Jackson serializer and per aggregate the next sequence number; SQL run as its owner.
 */
final class TestEventStore {

    private final JdbcEventStorageEngine engine;
    private final JdbcClient sql;
    private final Map<String, Long> nextSequence = new HashMap<>();

    TestEventStore(@Value("${test.eventstore.url}") String url) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(AxonPostgresAutoConfiguration.axonObjectMapper())
                .build();
        PGSimpleDataSource dataSource = ownerDataSource(url);
        this.sql = JdbcClient.create(dataSource);
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
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

    /**
     * Appends the events of one aggregate in one transaction, as one command's events are, after those the store
     * holds already.
     */
    void append(String aggregateType, UUID aggregateId, Object... events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        nextSequence.computeIfAbsent(aggregateId.toString(), id -> sql.sql(
                "SELECT coalesce(max(sequence_number) + 1, 0) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Long.class).single());
        for (Object event : events) {
            long sequence = nextSequence.merge(aggregateId.toString(), 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, event));
        }
        engine.appendEvents(messages);
    }

    /** Appends one event of the aggregate stamped at the instant, with the metadata, after those stored already. */
    void appendAt(String aggregateType, UUID aggregateId, Instant at, Map<String, ?> metaData, Object event) {
        appendAt(aggregateType, aggregateId, metaData, List.of(Map.entry(at, event)));
    }

    /** Appends events of the aggregate, each stamped at its instant, in one transaction. */
    void appendAt(String aggregateType, UUID aggregateId, Map<String, ?> metaData,
                  List<Map.Entry<Instant, Object>> stampedEvents) {
        nextSequence.computeIfAbsent(aggregateId.toString(), id -> sql.sql(
                "SELECT coalesce(max(sequence_number) + 1, 0) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Long.class).single());
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Map.Entry<Instant, Object> stamped : stampedEvents) {
            long sequence = nextSequence.merge(aggregateId.toString(), 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence,
                    stamped.getValue(), MetaData.from(metaData), IdentifierFactory.getInstance().generateIdentifier(),
                    stamped.getKey()));
        }
        engine.appendEvents(messages);
    }

    /** The number a query of the event store answers, 0 for none. */
    long number(String query) {
        return sql.sql(query).query(Long.class).optional().orElse(0L);
    }

    static void executeAsOwner(String url, String... statements) {
        JdbcClient owner = JdbcClient.create(ownerDataSource(url));
        for (String statement : statements) {
            owner.sql(statement).update();
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

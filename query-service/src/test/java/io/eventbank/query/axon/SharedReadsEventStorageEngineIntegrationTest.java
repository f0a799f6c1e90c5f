package io.eventbank.query.axon;

import io.eventbank.api.account.AccountOpened;
import io.eventbank.axon.AxonPostgresAutoConfiguration;
import io.eventbank.axon.AxonSchemas;
import io.eventbank.testsupport.PostgresDatabases;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Streams of the same events share the reads of the store, and never wait for a stream that stopped reading. */
class SharedReadsEventStorageEngineIntegrationTest {

    private static final int EVENTS = 2_500;
    private static final int BATCH = 100;

    private static String database;
    private static PGSimpleDataSource dataSource;
    private static JacksonSerializer serializer;

    @BeforeAll
    static void store() {
        database = PostgresDatabases.create("es");
        String url = PostgresDatabases.jdbcUrl(database);
        Flyway.configure().dataSource(url, PostgresDatabases.user(), PostgresDatabases.password())
                .locations("classpath:db/eventstore").load().migrate();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(PostgresDatabases.user());
        dataSource.setPassword(PostgresDatabases.password());
        serializer = JacksonSerializer.builder().objectMapper(AxonPostgresAutoConfiguration.axonObjectMapper()).build();
        JdbcEventStorageEngine writer = builder().build();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            UUID account = UUID.randomUUID();
            events.add(new GenericDomainEventMessage<>("Account", account.toString(), 0,
                    new AccountOpened(account, "holder " + i, "owner")));
        }
        writer.appendEvents(events);
    }

    @AfterAll
    static void drop() {
        PostgresDatabases.drop(database);
    }

    private static JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonSchemas.eventSchema())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
    }

    private static SharedReadsEventStorageEngine shared(Duration maxWait) {
        return (SharedReadsEventStorageEngine) SharedReadsEventStorageEngine.build(builder(), BATCH, 4, maxWait);
    }

    @Test
    void twoStreamsSideBySideReadTheStoreOnceAndGetWhatAReadOfTheirOwnGets() {
        List<TrackedEventMessage<?>> own;
        try (Stream<? extends TrackedEventMessage<?>> alone = builder().batchSize(BATCH).build().readEvents(null, false)) {
            own = new ArrayList<>(alone.toList());
        }
        SharedReadsEventStorageEngine engine = shared(Duration.ZERO);
        List<TrackedEventMessage<?>> first = new ArrayList<>();
        List<TrackedEventMessage<?>> second = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> one = engine.readEvents(null, false);
             Stream<? extends TrackedEventMessage<?>> other = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> a = one.iterator();
            Iterator<? extends TrackedEventMessage<?>> b = other.iterator();
            while (a.hasNext() || b.hasNext()) {
                if (a.hasNext()) {
                    first.add(a.next());
                }
                if (b.hasNext()) {
                    second.add(b.next());
                }
            }
        }

        assertThat(own).hasSize(EVENTS);
        for (List<TrackedEventMessage<?>> read : List.of(first, second)) {
            assertThat(read).extracting(TrackedEventMessage::getIdentifier)
                    .containsExactlyElementsOf(own.stream().map(TrackedEventMessage::getIdentifier).toList());
            assertThat(read).extracting(TrackedEventMessage::trackingToken)
                    .containsExactlyElementsOf(own.stream().map(TrackedEventMessage::trackingToken).toList());
        }
        // every batch was read by one stream and taken by the other; the empty one at the end each read alone
        // (a batch is a range of positions, so there may be a short one besides)
        assertThat(engine.batchesShared()).isGreaterThanOrEqualTo(EVENTS / BATCH);
        assertThat(engine.batchesRead()).isEqualTo(engine.batchesShared() + 2);
    }

    @Test
    @Timeout(60)
    void aStreamThatStoppedReadingIsNotWaitedFor() {
        SharedReadsEventStorageEngine engine = shared(Duration.ofHours(1));
        Stream<? extends TrackedEventMessage<?>> stopped = engine.readEvents(null, false);
        Iterator<? extends TrackedEventMessage<?>> behind = stopped.iterator();
        for (int i = 0; i < BATCH + 1; i++) {
            behind.next();
        }
        // the stream behind never reads again (a processor stopped or failing, its stream not closed)
        try (Stream<? extends TrackedEventMessage<?>> ahead = engine.readEvents(null, false)) {
            assertThat(ahead.count()).isEqualTo(EVENTS);
        }
        stopped.close();
    }
}

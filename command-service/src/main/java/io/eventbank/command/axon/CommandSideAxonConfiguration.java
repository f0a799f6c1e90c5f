package io.eventbank.command.axon;

import io.eventbank.axon.AxonSchemas;
import io.eventbank.command.actor.ActorCorrelationDataProvider;
import io.eventbank.command.actor.CallerDispatchInterceptor;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;

/** The command side's Axon wiring: event store schema, snapshots, the aggregate cache and command retries. */
@Configuration(proxyBeanMethods = false)
class CommandSideAxonConfiguration {

    /**
     * Axon's JDBC storage engine on the {@code eventstore} database. PostgreSQL reports a clash on the unique
     * (aggregate_identifier, sequence_number) key as SQL state 23505; the resolver turns exactly that into
     * Axon's {@code ConcurrencyException}, which the command gateway retries. Its append also returns the positions
     * it gave the events, for the answer's {@code Event-Position} ({@link PositionRecordingStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          AppendedPositions positions) {
        return new PositionRecordingStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .connectionProvider(connectionProvider)
                .schema(AxonSchemas.eventSchema()), transactionManager, positions);
    }

    /**
     * Axon's embedded event store, keeping the latest {@code eventbank.eventstore.cached-events} events in memory for
     * the saga's processor (Axon's default is 10,000: tens of megabytes of a small heap, and the old-generation
     * collections that go with them), and reading new events at most once per {@code eventbank.eventstore.read-linger}
     * ({@link CoalescingEventStore}).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  CommandSideSettings settings) {
        return new CoalescingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(settings.eventstore().cachedEvents())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)),
                settings.eventstore().readLinger());
    }

    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(AxonSchemas.sagaSchema()))
                .serializer(serializer)
                .build();
    }

    /** Takes snapshots off the command's thread, once the command's transaction has committed. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(Executors.newFixedThreadPool(1, Thread.ofPlatform().name("snapshotter").daemon().factory()))
                .build();
    }

    @Bean
    SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter,
                                                     CommandSideSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshot().threshold());
    }

    @Bean
    SnapshotTriggerDefinition orderSnapshotTrigger(Snapshotter snapshotter,
                                                   CommandSideSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshot().threshold());
    }

    /**
     * Aggregates stay in memory between commands: the latest {@code eventbank.aggregate-cache-size} (see
     * {@link BoundedAggregateCache}). On a failed append or any rolled-back command Axon evicts the entry, so a retry
     * loads the aggregate fresh from the event store. {@code eventbank.aggregate-cache-check=true}, for several
     * command-service instances on one event store, compares a cached aggregate with the store's last sequence
     * number before use. {@code eventbank.aggregate-cache=weak} is Axon's weak-reference cache, {@code none} loads
     * every aggregate from the store for every command.
     */
    @Bean
    Cache aggregateCache(CommandSideSettings settings, EventStorageEngine storageEngine) {
        int size = settings.aggregateCacheSize();
        boolean check = settings.aggregateCacheCheck();
        return switch (settings.aggregateCache()) {
            case "none" -> NoCache.INSTANCE;
            case "weak" -> new WeakReferenceCache();
            case "lru" -> new BoundedAggregateCache(size, check ? storageEngine::lastSequenceNumberFor : null);
            default -> throw new IllegalArgumentException(
                    "eventbank.aggregate-cache must be lru, weak or none, not '" + settings.aggregateCache() + "'");
        };
    }

    /** Replaces Axon's MessageOriginProvider: the metadata keys mean what API.md says. */
    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new ActorCorrelationDataProvider();
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConcurrencyRetryScheduler retryScheduler,
                                  ObjectProvider<Tracer> tracer) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryScheduler)
                .dispatchInterceptors(new CallerDispatchInterceptor(tracer.getIfAvailable(() -> Tracer.NOOP))).build();
    }
}

package io.eventbank.query.axon;

import io.eventbank.axon.AxonSchemas;
import io.eventbank.query.projection.ProjectionNames;
import io.eventbank.query.projection.ProjectionSettings;
import io.eventbank.query.projection.Slot;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The event store as the read side sees it, and what its processors share beyond the settings of application.yml. */
@Configuration(proxyBeanMethods = false)
class ReadSideAxonConfiguration {

    /**
     * Axon's JDBC engine on the event store, reading with connections of their own: a read never joins the
     * transaction in which a processor writes its read models and token.
     * <p>
     * The gap timeout is how long a missing {@code global_index} is waited for: a writer's transaction that took a
     * number but has not committed yet. It must exceed the longest append transaction the command service allows
     * (its statement and idle-in-transaction timeouts, 5 s each), or a slow commit would be skipped for good. Axon
     * drops timed-out gaps when a token holds more than {@code gap-cleaning-threshold} of them, which under load
     * is soon.
     * <p>
     * Processors reading the same events at the same time share the reads ({@link SharedReadsEventStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventStoreDataSource") DataSource eventStoreDataSource,
                                          Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ProjectionSettings settings) {
        return SharedReadsEventStorageEngine.build(JdbcEventStorageEngine.builder()
                .gapTimeout(Math.toIntExact(settings.gapTimeout().toMillis()))
                .gapCleaningThreshold(settings.gapCleaningThreshold())
                .connectionProvider(new DataSourceConnectionProvider(eventStoreDataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonSchemas.eventSchema())
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain()),
                settings.fetchBatchSize(), settings.sharedReads(), settings.sharedReadWait());
    }

    /**
     * Nothing is published here, so the store learns of new events by reading the table every {@code fetchDelay};
     * its streams wake the pooled processors as soon as it has read them (see {@link WakingEventStore}). Without
     * that ({@code eventbank.projections.wake-on-fetch=false}) a caught-up pooled processor looks every 500 ms.
     * The store keeps the latest {@code cached-events} events for the processors that are caught up (Axon's default
     * of 10,000, each with its own copy of the token's gaps, filled a small heap); one further behind reads the table.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  ProjectionSettings settings) {
        return (settings.wakeOnFetch() ? WakingEventStore.wakingBuilder() : EmbeddedEventStore.builder())
                .storageEngine(storageEngine)
                .fetchDelay(settings.fetchDelay().toMillis())
                .cachedEvents(settings.cachedEvents())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /**
     * An upper bound of segments per instance (all of them by default); the {@link SegmentBalancer} keeps the live
     * instances to their fair share below it. The coordinators run on a {@link CoordinatorExecutor}.
     */
    @Bean
    ConfigurerModule pooledProcessors(ProjectionSettings settings) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder
                        .maxClaimedSegments(settings.maxClaimedSegments())
                        .coordinatorExecutor(name -> {
                            CoordinatorExecutor executor = new CoordinatorExecutor(name, settings.fullQueueRecheck());
                            configuration.onShutdown(executor::shutdown);
                            return executor;
                        }));
    }

    /**
     * Of Axon's message monitors, the projections' processors keep only {@code eventProcessor_latency} (the one the
     * dashboard shows), in a leaner form ({@link ProcessorLatencyMonitor}). The others (a timer, a counter and a
     * capacity per event, and a report for every event a processor ignores) cost about a tenth of the query
     * service's CPU in a replay, and nothing reads them.
     */
    @Bean
    ConfigurerModule projectionMonitors(ObjectProvider<MeterRegistry> registry) {
        Map<String, MessageMonitor<Message<?>>> monitors = new ConcurrentHashMap<>();
        return configurer -> {
            for (String projection : ProjectionNames.ALL) {
                for (Slot slot : Slot.values()) {
                    String processor = slot.processor(projection);
                    configurer.eventProcessing().registerMessageMonitorFactory(processor,
                            (configuration, componentType, componentName) ->
                                    monitors.computeIfAbsent(processor, name -> latencyOnly(registry, name)));
                }
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> latencyOnly(ObjectProvider<MeterRegistry> registry, String processor) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return NoOpMessageMonitor.INSTANCE;
        }
        return (MessageMonitor) new ProcessorLatencyMonitor(meters, processor, Clock.systemUTC());
    }
}

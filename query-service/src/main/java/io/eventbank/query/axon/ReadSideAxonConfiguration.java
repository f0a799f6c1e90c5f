package io.eventbank.query.axon;

import io.eventbank.axon.AxonSchemas;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/** The event store as the read side sees it, and what its processors share beyond the settings of application.yml. */
@Configuration(proxyBeanMethods = false)
class ReadSideAxonConfiguration {

    /**
     * Axon's JDBC engine on the event store, reading with connections of their own: a read never joins the
     * transaction in which a processor writes its read models and token.
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventStoreDataSource") DataSource eventStoreDataSource,
                                          Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          @Value("${eventbank.projections.fetch-batch-size:1000}") int fetchBatchSize) {
        return JdbcEventStorageEngine.builder()
                .batchSize(fetchBatchSize)
                .connectionProvider(new DataSourceConnectionProvider(eventStoreDataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonSchemas.eventSchema())
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .build();
    }

    /**
     * Nothing is published here, so the store learns of new events by reading the table every {@code fetchDelay};
     * its streams wake the pooled processors as soon as it has read them (see {@link WakingEventStore}). Without
     * that ({@code eventbank.projections.wake-on-fetch=false}) a caught-up pooled processor looks every 500 ms.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${eventbank.projections.fetch-delay:20ms}") Duration fetchDelay,
                                  @Value("${eventbank.projections.wake-on-fetch:true}") boolean wakeOnFetch) {
        return (wakeOnFetch ? WakingEventStore.wakingBuilder() : EmbeddedEventStore.builder())
                .storageEngine(storageEngine)
                .fetchDelay(fetchDelay.toMillis())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /**
     * Without a limit the first instance claims every segment and a second one on the same read-model database
     * stays idle; with {@code segments / instances} each takes its share.
     */
    @Bean
    ConfigurerModule limitClaimedSegments(@Value("${eventbank.projections.max-claimed-segments}") int maxClaimed) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder.maxClaimedSegments(maxClaimed));
    }
}

package io.eventbank.command.publisher;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The event stream, only when {@code eventbank.kafka.bootstrap-servers} is set. No admin client and no topic creation:
 * the producer connects on the first send, in the processor's thread, so a broker that is down never delays the
 * service's start nor a command.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EventStreamEnabled.class)
class EventStreamConfiguration {

    @Bean
    DefaultKafkaProducerFactory<String, byte[]> eventStreamProducerFactory(EventStreamSettings settings) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "command-service-event-stream",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                // at most 5 with idempotence keeps the order within a partition across retries
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.maxBlock().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        DefaultKafkaProducerFactory<String, byte[]> factory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        // a broker that is down must not hold the service's shutdown for the default 30 s
        factory.setPhysicalCloseTimeout((int) settings.requestTimeout().toSeconds());
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> eventStreamTemplate(DefaultKafkaProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    EventStreamPublisher eventStreamPublisher(KafkaTemplate<String, byte[]> eventStreamTemplate,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              EventStreamSettings settings) {
        return new EventStreamPublisher(eventStreamTemplate, new EventRecords(settings.topic(), eventSerializer),
                settings, Clock.systemUTC());
    }

    @Bean
    PublisherMonitor publisherMonitor(@Lazy EventProcessingConfiguration processing, EventStore eventStore,
                                      EventStreamPublisher publisher, EventStreamSettings settings,
                                      ObjectProvider<MeterRegistry> meters) {
        PublisherMonitor monitor = new PublisherMonitor(processing, eventStore, publisher, settings.topic());
        meters.ifAvailable(registry -> Gauge.builder("eventbank.publisher.lag", monitor, m -> m.status().lag())
                .description("events in the store not yet confirmed by Kafka")
                .register(registry));
        return monitor;
    }
}

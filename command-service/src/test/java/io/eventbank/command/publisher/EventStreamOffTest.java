package io.eventbank.command.publisher;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code KAFKA_BOOTSTRAP_SERVERS} unset, {@code application.yml} leaves the property empty: nothing exists. */
class EventStreamOffTest {

    @Test
    void anEmptyBootstrapServersPropertyCreatesNothing() {
        new ApplicationContextRunner()
                .withPropertyValues(EventStreamEnabled.PROPERTY + "=")
                .withUserConfiguration(EventStreamConfiguration.class, PublisherController.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ProducerFactory.class)
                        .doesNotHaveBean(KafkaTemplate.class)
                        .doesNotHaveBean(EventStreamPublisher.class)
                        .doesNotHaveBean(PublisherController.class));
    }
}

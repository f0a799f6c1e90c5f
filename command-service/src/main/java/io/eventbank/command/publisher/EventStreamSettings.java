package io.eventbank.command.publisher;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The event stream's settings ({@code eventbank.kafka.*}); defaults in {@code application.yml}. Nothing of the event
 * stream exists while {@code bootstrapServers} is blank.
 *
 * @param bootstrapServers the Kafka brokers to reach first, comma-separated
 * @param topic            where every event goes
 * @param maxBlock         how long a send may wait for the topic's metadata before the batch fails
 * @param requestTimeout   how long the producer waits for the broker's answer to one request
 * @param deliveryTimeout  how long a record may take, retries included, before its send fails (and its batch with it)
 * @param linger           the least time between the starts of two batches, so that under load a batch (and its
 *                         token commit in the event store) carries many events instead of one
 */
@ConfigurationProperties("eventbank.kafka")
public record EventStreamSettings(String bootstrapServers, String topic, Duration maxBlock, Duration requestTimeout,
                                  Duration deliveryTimeout, Duration linger) {
}

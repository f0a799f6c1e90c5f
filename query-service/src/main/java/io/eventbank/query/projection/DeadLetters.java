package io.eventbank.query.projection;

import io.eventbank.axon.AxonSchemas;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dead-letter queues of the projections. An event whose handler fails even when handled on its own (see
 * {@link EventIsolation}) is parked with its cause, and every later event of the same aggregate queues behind
 * it, so that aggregate's rows stop while every other aggregate's go on. The queues are retried on a schedule (a
 * transient cause heals by itself) and on request, once the cause is fixed. Every slot of a projection has a queue
 * of its own ({@link Slot#processor}); a replay empties the queue of the slot it rebuilds.
 */
@Component
public class DeadLetters implements ConfigurerModule, SmartLifecycle {

    /** The parked events of one aggregate: how many, the first cause, since when. */
    public record DeadLetterSequence(String aggregateId, long events, String eventType, String cause,
                                     Instant enqueuedAt, Instant lastTouched) {
    }

    /** What a retry did: sequences handled successfully, and events still parked afterwards. */
    public record RetryResult(int sequencesProcessed, long eventsRemaining) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_SEQUENCES_PER_RETRY = 1000;

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Duration retryInterval;
    private ScheduledExecutorService scheduler;

    DeadLetters(@Lazy EventProcessingConfiguration processing, JdbcClient jdbc,
                ProjectionSettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.retryInterval = settings.deadLetterRetryInterval();
    }

    @Override
    public void configureModule(Configurer configurer) {
        for (String group : Slot.allProcessors()) {
            configurer.eventProcessing().registerDeadLetterQueue(group, configuration ->
                    JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                            .processingGroup(group)
                            .connectionProvider(configuration.getComponent(ConnectionProvider.class))
                            .transactionManager(configuration.getComponent(TransactionManager.class))
                            .schema(AxonSchemas.deadLetterSchema())
                            .genericSerializer(configuration.serializer())
                            .eventSerializer(configuration.eventSerializer())
                            .build());
            // Without the cache every event costs a query of the queue (is its aggregate parked?). The cache
            // remembers, per claimed segment, what this instance parked; only a segment's owner parks its events.
            configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (configuration, builder) -> builder.enableSequenceIdentifierCache());
        }
    }

    public List<DeadLetterSequence> of(String processingGroup) {
        return jdbc.sql("""
                        SELECT sequence_identifier, count(*) AS events,
                               min(payload_type) FILTER (WHERE sequence_index = first_index) AS event_type,
                               min(cause_message) FILTER (WHERE sequence_index = first_index) AS cause,
                               min(enqueued_at) AS enqueued_at, max(last_touched) AS last_touched
                        FROM (SELECT *, min(sequence_index) OVER (PARTITION BY sequence_identifier) AS first_index
                              FROM dead_letter_entry WHERE processing_group = ?) letters
                        GROUP BY sequence_identifier ORDER BY min(enqueued_at) LIMIT 100""")
                .param(processingGroup)
                .query((row, n) -> new DeadLetterSequence(row.getString("sequence_identifier"),
                        row.getLong("events"), simpleName(row.getString("event_type")), row.getString("cause"),
                        instant(row.getString("enqueued_at")), instant(row.getString("last_touched"))))
                .list();
    }

    public long count(String processingGroup) {
        return jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?")
                .param(processingGroup).query(Long.class).single();
    }

    /** Handles the parked events again, sequence by sequence, in their order; a sequence that fails again stays. */
    public RetryResult retry(String processingGroup) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new UnknownProjectionException(processingGroup));
        int processed = 0;
        long before = count(processingGroup);
        for (int i = 0; i < MAX_SEQUENCES_PER_RETRY && before > 0; i++) {
            if (!processor.processAny()) {
                break;
            }
            processed++;
        }
        long remaining = count(processingGroup);
        if (before > 0) {
            log.info("Retried dead letters of {}: {} sequence(s) handled, {} event(s) still parked",
                    processingGroup, processed, remaining);
        }
        return new RetryResult(processed, remaining);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dead-letter-retry").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::retryAll, retryInterval.toMillis(), retryInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void retryAll() {
        for (String group : Slot.allProcessors()) {
            try {
                if (count(group) > 0) {
                    retry(group);
                }
            } catch (RuntimeException e) {
                log.warn("Scheduled retry of the dead letters of {} failed: {}", group, e.toString());
            }
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    private static Instant instant(String isoTimestamp) {
        return isoTimestamp == null ? null : Instant.parse(isoTimestamp);
    }
}

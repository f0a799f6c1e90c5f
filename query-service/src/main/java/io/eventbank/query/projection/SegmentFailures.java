package io.eventbank.query.projection;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps the last failure of every processor segment in the {@code projection_error} table, where every instance
 * sees it, until a batch of that segment commits again.
 * <p>
 * A failing handler rolls its whole batch back, token included, and the processor retries the segment with a
 * growing back-off. The failure is therefore written in a transaction of its own, and cleared, also in a transaction
 * of its own, once the next batch of that segment has committed.
 */
@Component
public class SegmentFailures implements ConfigurerModule {

    /**
     * A failure of one segment: what went wrong, the event its batch was at (the failing one when a handler threw,
     * the batch's last when its commit failed), since when and how many times.
     */
    public record SegmentError(String message, String eventType, Long eventPosition, String aggregateId,
                               Long sequenceNumber, int attempts, Instant firstFailedAt, Instant lastFailedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(SegmentFailures.class);
    private static final int MAX_MESSAGE_LENGTH = 1000;
    private static final Duration CLEAR_AT_LEAST_EVERY = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate separateTransaction;
    private final EventIsolation isolation;
    /** When each segment's failure row is next deleted by a commit, unless a failure is recorded before. */
    private final Map<String, Long> clearDue = new ConcurrentHashMap<>();

    SegmentFailures(JdbcClient jdbc, PlatformTransactionManager transactionManager, EventIsolation isolation) {
        this.jdbc = jdbc;
        this.isolation = isolation;
        this.separateTransaction = new TransactionTemplate(transactionManager);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerDefaultHandlerInterceptor((configuration, processor) -> recorder(processor));
    }

    /** The current failures of the processor's segments, by segment. */
    public Map<Integer, SegmentError> of(String processor) {
        return jdbc.sql("""
                        SELECT segment, error_message, event_type, event_position, aggregate_id, sequence_number,
                               attempts, first_failed_at, last_failed_at
                        FROM projection_error WHERE processor_name = ?""")
                .param(processor)
                .query((row, n) -> Map.entry(row.getInt("segment"), new SegmentError(
                        row.getString("error_message"), row.getString("event_type"),
                        row.getObject("event_position", Long.class), row.getString("aggregate_id"),
                        row.getObject("sequence_number", Long.class), row.getInt("attempts"),
                        row.getTimestamp("first_failed_at").toInstant(),
                        row.getTimestamp("last_failed_at").toInstant())))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Watches every batch of the processor: a rollback, whether a handler or the commit failed, records its cause;
     * a commit clears the segment's failure. The segment is only known to the batch's unit of work, under the key
     * the processor's work package gives it.
     */
    private MessageHandlerInterceptor<EventMessage<?>> recorder(String processor) {
        String segmentKey = "Processor[" + processor + "]/SegmentId";
        String watchedKey = SegmentFailures.class.getName() + "/watched";
        return (unitOfWork, chain) -> {
            Integer segment = unitOfWork.getResource(segmentKey);
            if (segment != null) {
                unitOfWork.resources().computeIfAbsent(watchedKey, key -> {
                    unitOfWork.afterCommit(u -> clear(processor, segment));
                    unitOfWork.onRollback(u -> record(processor, segment, u.getMessage(),
                            u.getExecutionResult().getExceptionResult()));
                    return Boolean.TRUE;
                });
            }
            return chain.proceed();
        };
    }

    /**
     * After the batch committed, in a transaction of its own: inside the batch's transaction the delete would hold
     * the row that {@link #record} must update if the commit fails. Only when this instance recorded a failure of the
     * segment since it last cleared it, or {@link #CLEAR_AT_LEAST_EVERY} ago (the failure may have been recorded by
     * another instance that held the segment before): not a transaction of its own after every batch.
     */
    private void clear(String processor, int segment) {
        isolation.committed(processor, segment);
        String key = processor + "/" + segment;
        long now = System.nanoTime();
        Long due = clearDue.get(key);
        if (due != null && now - due < 0) {
            return;
        }
        try {
            separateTransaction.executeWithoutResult(status -> jdbc.sql(
                            "DELETE FROM projection_error WHERE processor_name = ? AND segment = ?")
                    .params(processor, segment)
                    .update());
            clearDue.put(key, now + CLEAR_AT_LEAST_EVERY.toNanos());
        } catch (RuntimeException e) {
            log.warn("Could not clear the failure of processor {} segment {}: {}", processor, segment, e.toString());
        }
    }

    private void record(String processor, int segment, EventMessage<?> event, Throwable failure) {
        isolation.failed(processor, segment);
        clearDue.remove(processor + "/" + segment);
        Timestamp now = Timestamp.from(Instant.now());
        OptionalLong position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position() : OptionalLong.empty();
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        try {
            separateTransaction.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO projection_error (processor_name, segment, error_message, event_type,
                                event_position, aggregate_id, sequence_number, attempts, first_failed_at, last_failed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                            ON CONFLICT (processor_name, segment) DO UPDATE SET
                                error_message = EXCLUDED.error_message, event_type = EXCLUDED.event_type,
                                event_position = EXCLUDED.event_position, aggregate_id = EXCLUDED.aggregate_id,
                                sequence_number = EXCLUDED.sequence_number,
                                attempts = projection_error.attempts + 1, last_failed_at = EXCLUDED.last_failed_at""")
                    .params(processor, segment, message(failure), event.getPayloadType().getSimpleName(),
                            position.isPresent() ? position.getAsLong() : null,
                            domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                            domainEvent == null ? null : domainEvent.getSequenceNumber(), now, now)
                    .update());
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of processor {} segment {}: {}", processor, segment, e.toString());
        }
    }

    private static String message(Throwable failure) {
        String message = failure == null || failure.getMessage() == null
                ? "the batch failed without a message" : failure.getMessage();
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH);
    }
}

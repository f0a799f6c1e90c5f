package io.eventbank.command.publisher;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends every event of the store to the topic, in the {@value #PROCESSOR} processor's own thread. A batch's records
 * are sent one after the other without waiting; before the batch's token is stored they are flushed and every send
 * must be confirmed by the broker. One that is not fails the batch: its token does not move, and the processor sends
 * the whole batch again after its back-off (at least once: consumers de-duplicate on {@code ce_id}).
 */
@ProcessingGroup(EventStreamPublisher.PROCESSOR)
class EventStreamPublisher {

    static final String PROCESSOR = "event-stream";
    private static final String SENDS = EventStreamPublisher.class.getName() + ".sends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final Duration confirmTimeout;
    private final long lingerNanos;
    private final Clock clock;
    private volatile PublisherStatus.Failure lastFailure;

    EventStreamPublisher(KafkaTemplate<String, byte[]> kafka, EventRecords records, EventStreamSettings settings,
                         Clock clock) {
        this.kafka = kafka;
        this.records = records;
        // every send completes by its delivery timeout; the margin covers the flush and a last metadata wait
        this.confirmTimeout = settings.deliveryTimeout().plus(settings.maxBlock());
        this.lingerNanos = settings.linger() == null ? 0 : settings.linger().toNanos();
        this.clock = clock;
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> event) {
        sendsOfThisBatch().add(kafka.send(records.toRecord(event)));
    }

    /** The last batch that failed: why, and when; {@code null} while none has. */
    PublisherStatus.Failure lastFailure() {
        return lastFailure;
    }

    private List<CompletableFuture<?>> sendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            long started = System.nanoTime();
            batch.onPrepareCommit(u -> confirm(sends));
            batch.afterCommit(u -> linger(started));
            batch.onRollback(u -> lastFailure = new PublisherStatus.Failure(
                    describe(u.getExecutionResult() == null ? null : u.getExecutionResult().getExceptionResult()),
                    Instant.now(clock)));
            return sends;
        });
    }

    /**
     * Holds the processor's thread until {@code linger} after the batch started: events that arrive meanwhile make one
     * larger next batch, with one token commit, instead of a batch and a commit each. A caught-up processor waits for
     * new events anyway, so this costs latency only under load, and at most {@code linger}.
     */
    private void linger(long started) {
        long remaining = started + lingerNanos - System.nanoTime();
        if (remaining > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void confirm(List<CompletableFuture<?>> sends) {
        kafka.flush();
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        try {
            for (CompletableFuture<?> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new EventStreamUnavailableException("a send of the batch failed", e.getCause());
        } catch (TimeoutException e) {
            throw new EventStreamUnavailableException("the batch was not confirmed within " + confirmTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStreamUnavailableException("interrupted while the batch was confirmed", e);
        }
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "rolled back";
        }
        Throwable cause = failure;
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    /** A batch whose records the broker did not confirm; the processor retries it after its back-off. */
    static final class EventStreamUnavailableException extends RuntimeException {

        EventStreamUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

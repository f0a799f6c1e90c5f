package io.eventbank.query.axon;

import org.axonframework.common.AxonThreadFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread of a pooled processor's coordinator, which reads the event stream and hands the events to the work
 * packages of its segments.
 * <p>
 * When any work package has {@value #AXON_QUEUE_SIZE} events queued, Axon 4's coordinator stops reading and looks
 * again after a fixed {@value #AXON_FULL_QUEUE_DELAY_MS} ms. In a replay the work packages empty their queues far
 * sooner than that, then wait for the coordinator: the rebuild ran at about 1,000 events per 100 ms, whatever the
 * CPU had left. This executor runs exactly that re-check sooner ({@code eventbank.projections.full-queue-recheck});
 * every other delay of the coordinator (error back-off, claim intervals) is kept as asked.
 */
final class CoordinatorExecutor extends ScheduledThreadPoolExecutor {

    static final int AXON_QUEUE_SIZE = 1024;
    static final long AXON_FULL_QUEUE_DELAY_MS = 100;

    private final long fullQueueRecheckNanos;

    CoordinatorExecutor(String processorName, Duration fullQueueRecheck) {
        super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
        this.fullQueueRecheckNanos = fullQueueRecheck.toNanos();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, delayNanos(delay, unit), TimeUnit.NANOSECONDS);
    }

    /** The delay this executor waits for one Axon asked for: the full-queue re-check shortened, any other kept. */
    long delayNanos(long delay, TimeUnit unit) {
        if (unit.toMillis(delay) == AXON_FULL_QUEUE_DELAY_MS && unit.toNanos(delay) % 1_000_000 == 0) {
            return fullQueueRecheckNanos;
        }
        return unit.toNanos(delay);
    }
}

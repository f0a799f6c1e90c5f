package io.eventbank.command.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Axon's embedded event store, whose reader wakes at most once per {@code linger} after commits instead of after every
 * one. The reader (Axon's event producer, which feeds the payment saga's processor) reads the events committed since
 * its last read in one query and one transaction: woken per commit, it made about two thirds of a read transaction
 * per command under load, and one per command for a single client. All commits of a linger share one read; the
 * saga sees an event at most {@code linger} later. Nothing is read less: a read finds every event committed before
 * it, and the reader still looks on its own every fetch delay (Axon's, one second) when nothing woke it.
 * {@code linger} zero wakes it per commit, as Axon does.
 */
final class CoalescingEventStore extends EmbeddedEventStore {

    private final Wake wake;

    CoalescingEventStore(Builder builder, Duration linger) {
        super(builder);
        this.wake = new Wake(() -> super.afterCommit(List.of()), linger);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        wake.request();
    }

    @Override
    public void shutDown() {
        wake.close();
        super.shutDown();
    }

    /**
     * Runs {@code action} once per {@code linger} at most, {@code linger} after the first request that found none
     * pending; a request after the action has begun schedules the next run, so none is lost.
     */
    static final class Wake implements AutoCloseable {

        private final Runnable action;
        private final long lingerNanos;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("event-store-waker").daemon().factory());

        Wake(Runnable action, Duration linger) {
            this.action = action;
            this.lingerNanos = linger.toNanos();
        }

        void request() {
            if (lingerNanos <= 0) {
                action.run();
            } else if (scheduled.compareAndSet(false, true)) {
                timer.schedule(() -> {
                    // cleared first: a request from here on schedules the next run
                    scheduled.set(false);
                    action.run();
                }, lingerNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}

package io.eventbank.query.axon;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded event store, whose streams tell a pooled processor as soon as new events are in. Axon's own streams
 * of an embedded store cannot call back, so a caught-up pooled processor only looks again every 500 ms. Here one
 * watcher follows the head of the store's shared event cache, waking the moment the store's reader has fetched new
 * events, and rings every processor's callback; the processor then takes the events from the same cache.
 */
final class WakingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(WakingEventStore.class);

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile Thread watcher;
    private volatile boolean shutDown;

    private WakingEventStore(Builder builder) {
        super(builder);
    }

    static Builder wakingBuilder() {
        return new Builder();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new CallingBackStream(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        shutDown = true;
        Thread running = watcher;
        if (running != null) {
            running.interrupt();
        }
        super.shutDown();
    }

    private void startWatching() {
        if (watching.compareAndSet(false, true)) {
            watcher = Thread.ofPlatform().daemon().name("event-store-watcher").start(this::watch);
        }
    }

    private void watch() {
        while (!shutDown) {
            try (TrackingEventStream head = super.openStream(createHeadToken())) {
                while (!shutDown) {
                    if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (head.hasNextAvailable()) {
                            head.nextAvailable();
                        }
                        callbacks.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Watching the event store failed; processors fall back to polling for a second", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One of the store's streams, which also takes a callback for when events become available. */
    private final class CallingBackStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private CallingBackStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            startWatching();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }

    static final class Builder extends EmbeddedEventStore.Builder {

        @Override
        public WakingEventStore build() {
            return new WakingEventStore(this);
        }
    }
}

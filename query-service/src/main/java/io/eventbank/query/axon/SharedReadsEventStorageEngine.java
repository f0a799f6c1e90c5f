package io.eventbank.query.axon;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC engine, whose streams share what they read: a batch of events read from the table (and its events
 * upcast and, once asked, deserialized) serves every stream that asks for the same batch, that is, the batch after the
 * same token. When a fresh query service builds every projection from the first event, each projection's processor
 * reads the whole store: with this, the store is read, and each event's payload and metadata deserialized, once for
 * all of them. Tokens, segments and claims are untouched: every processor still follows its own token, and the
 * events it gets are exactly those a read of its own would have returned at the moment the batch was read.
 * <p>
 * The last {@code batches} batches read are kept (an empty one never). A batch taken from the others may have been
 * read a moment earlier than a read of one's own; that is what the stream would have got, had it asked then: events
 * committed meanwhile come with a later batch, as the gaps of the token say. A stream behind the head (the
 * processor's own stream, not the store's reader of new events) that is more than a batch ahead of another stream
 * reading nearby (at most {@code batches} behind, and active within the last {@value #ACTIVE_MILLIS} ms) waits a
 * little, at most {@code maxWait} per batch, before it reads the next one itself, so that processors replaying side
 * by side stay close enough to share; a stream that stops reading (its processor stopped, or failing) is waited for
 * no longer. A stream alone works exactly like Axon's.
 */
final class SharedReadsEventStorageEngine extends JdbcEventStorageEngine {

    static final long ACTIVE_MILLIS = 200;

    private final int batchSize;
    private final int batches;
    private final long maxWaitNanos;
    /** By the token each batch follows; {@code null}, from the first event, is a key too (a hash map allows it). */
    private final Map<TrackingToken, CompletableFuture<Batch>> recent = new LinkedHashMap<>();
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();

    private SharedReadsEventStorageEngine(Builder builder, int batchSize, int batches, Duration maxWait) {
        super(builder);
        this.batchSize = batchSize;
        this.batches = batches;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Axon's engine from the given builder, whose batch size is given here too (the builder does not tell it). */
    static JdbcEventStorageEngine build(Builder builder, int batchSize, int batches, Duration maxWait) {
        builder.batchSize(batchSize);
        return batches > 0 ? new SharedReadsEventStorageEngine(builder, batchSize, batches, maxWait)
                : builder.build();
    }

    /** Batches read from the table since the start, and batches taken from another stream's read instead. */
    long batchesRead() {
        return read.get();
    }

    long batchesShared() {
        return shared.get();
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Reader reader = new Reader(trackingToken, !mayBlock);
        readers.add(reader);
        return StreamSupport.stream(reader, false).onClose(() -> readers.remove(reader));
    }

    /** The batch after the token: taken from another stream's read if there is one, else read and kept. */
    private Batch batchAfter(TrackingToken token, Reader reader) {
        CompletableFuture<Batch> pending;
        boolean mine = false;
        synchronized (recent) {
            pending = recent.get(token);
            if (pending == null) {
                pending = new CompletableFuture<>();
                recent.put(token, pending);
                mine = true;
                Iterator<TrackingToken> oldest = recent.keySet().iterator();
                while (recent.size() > batches) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
        if (!mine) {
            shared.incrementAndGet();
            try {
                return pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            List<? extends TrackedEventData<?>> data = fetchTrackedEvents(token, batchSize);
            read.incrementAndGet();
            List<TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(data.stream(),
                    getEventSerializer(), upcasterChain).toList();
            Batch batch = new Batch(events, data.isEmpty() ? token : data.getLast().trackingToken(), data.isEmpty());
            pending.complete(batch);
            if (batch.empty()) {
                forget(token, pending);
            }
            return batch;
        } catch (RuntimeException | Error e) {
            forget(token, pending);
            pending.completeExceptionally(e);
            throw e;
        }
    }

    private void forget(TrackingToken token, CompletableFuture<Batch> pending) {
        synchronized (recent) {
            recent.remove(token, pending);
        }
    }

    /**
     * Whether the batch after this position is another stream's soon: a stream reading nearby is more than a batch
     * behind, and still reading.
     */
    private boolean othersCatchingUp(Reader self, long position) {
        long now = System.nanoTime();
        for (Reader other : readers) {
            long behind = position - other.position;
            if (other != self && behind > batchSize && behind <= (long) batches * batchSize
                && now - other.activeAt < ACTIVE_MILLIS * 1_000_000) {
                return true;
            }
        }
        return false;
    }

    /** Waits, at most {@code maxWait}, for the streams close behind to come within a batch. */
    private void letOthersCatchUp(Reader self, TrackingToken token) {
        if (token == null || token.position().isEmpty() || maxWaitNanos <= 0) {
            return;
        }
        long position = token.position().getAsLong();
        long until = System.nanoTime() + maxWaitNanos;
        synchronized (recent) {
            if (recent.containsKey(token)) {
                return;
            }
        }
        while (othersCatchingUp(self, position) && System.nanoTime() < until) {
            LockSupport.parkNanos(500_000);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A read's result: its events, the token after them, and whether nothing was read. */
    private record Batch(List<TrackedEventMessage<?>> events, TrackingToken last, boolean empty) {
    }

    /**
     * One stream: batch after batch until one is empty, as Axon's engine does. Its position and when it last read are
     * what the others wait on.
     */
    private final class Reader extends Spliterators.AbstractSpliterator<TrackedEventMessage<?>> {

        private final boolean behindHead;
        private TrackingToken last;
        private Iterator<TrackedEventMessage<?>> events = Collections.emptyIterator();
        private boolean read;
        private boolean done;
        private volatile long position;
        private volatile long activeAt = System.nanoTime();

        private Reader(TrackingToken from, boolean behindHead) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.behindHead = behindHead;
            this.last = from;
            this.position = from == null ? -1 : from.position().orElse(-1);
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
            while (!events.hasNext()) {
                if (done) {
                    return false;
                }
                if (behindHead && read) {
                    letOthersCatchUp(this, last);
                }
                Batch batch = batchAfter(last, this);
                activeAt = System.nanoTime();
                if (batch.events().isEmpty() && Objects.equals(batch.last(), last)) {
                    done = true;
                    return false;
                }
                last = batch.last();
                position = last == null ? -1 : last.position().orElse(position);
                read = true;
                events = batch.events().iterator();
            }
            action.accept(events.next());
            return true;
        }
    }
}

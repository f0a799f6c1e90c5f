package io.eventbank.command.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The aggregates of the latest commands, at most {@code maxEntries} of them, least recently used out first.
 * <p>
 * Axon's weak-reference cache keeps an aggregate only until the next garbage collection, which in a small heap is
 * within moments: most commands then loaded their aggregate again. This one keeps them until they are pushed out.
 * <p>
 * Other instances of the command service may append to a cached aggregate. A command that then appends fails on the
 * unique (aggregate, sequence) key and is retried on a fresh load, but a refusal (422, 412) would be decided on the
 * old state. So with several instances, before a cached aggregate is used, its last sequence number in the event
 * store (one index lookup in the command's transaction) is compared with the cached version: if the store is ahead,
 * the entry is dropped and the aggregate loaded from the store.
 */
final class BoundedAggregateCache implements Cache {

    private record Stored(Object value, Long version) {
    }

    private final Map<Object, Stored> entries;
    private final Function<String, Optional<Long>> lastSequenceNumber;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    /**
     * @param lastSequenceNumber the last sequence number of an aggregate in the event store, or {@code null} to
     *                           trust the cache (one instance of the command service)
     */
    BoundedAggregateCache(int maxEntries, Function<String, Optional<Long>> lastSequenceNumber) {
        this.lastSequenceNumber = lastSequenceNumber;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Stored> eldest) {
                boolean full = size() > maxEntries;
                if (full) {
                    listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                }
                return full;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Stored stored;
        synchronized (entries) {
            stored = entries.get(key);
        }
        if (stored == null) {
            return null;
        }
        if (lastSequenceNumber != null && stored.version != null
                && !lastSequenceNumber.apply(key.toString()).map(stored.version::equals).orElse(true)) {
            remove(key);
            return null;
        }
        listeners.forEach(listener -> listener.onEntryRead(key, stored.value));
        return (V) stored.value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Null values not supported");
        }
        Stored previous;
        synchronized (entries) {
            previous = entries.put(key, stored(value));
        }
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Null values not supported");
        }
        boolean absent;
        synchronized (entries) {
            absent = entries.putIfAbsent(key, stored(value)) == null;
        }
        if (absent) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return absent;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.keySet().forEach(key -> listeners.forEach(listener -> listener.onEntryRemoved(key)));
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        synchronized (entries) {
            entries.computeIfPresent(key, (k, stored) -> {
                V value = update.apply((V) stored.value);
                return value == null ? null : stored(value);
            });
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The value with its version, if it will be checked. */
    private Stored stored(Object value) {
        return new Stored(value, lastSequenceNumber == null ? null : version(value));
    }

    /** The version of a cached aggregate; an entry made in this JVM holds the aggregate itself. */
    private static Long version(Object value) {
        if (value instanceof AggregateCacheEntry<?> entry) {
            EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, NoSnapshotTriggerDefinition.INSTANCE);
            return aggregate == null ? null : aggregate.version();
        }
        return null;
    }
}

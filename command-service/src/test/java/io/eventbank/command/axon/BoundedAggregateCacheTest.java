package io.eventbank.command.axon;

import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAggregateCacheTest {

    static class Probe {
        @AggregateIdentifier
        String id;
    }

    private final Map<String, Long> store = new HashMap<>();

    @Test
    void theLeastRecentlyUsedAggregateGoesFirst() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2, null);
        cache.put("a", entry(1));
        cache.put("b", entry(1));
        cache.get("a");
        cache.put("c", entry(1));

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void anAggregateTheStoreHasNotMovedPastIsServedFromMemory() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, id -> Optional.ofNullable(store.get(id)));
        AggregateCacheEntry<Probe> entry = entry(7);
        cache.put("a", entry);
        store.put("a", 7L);

        assertThat((Object) cache.get("a")).isSameAs(entry);
    }

    @Test
    void anAggregateAnotherInstanceAppendedToIsDroppedAndLoadedAgain() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, id -> Optional.ofNullable(store.get(id)));
        cache.put("a", entry(7));
        store.put("a", 8L);

        assertThat((Object) cache.get("a")).isNull();
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void withoutTheCheckTheCacheIsTrusted() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, null);
        AggregateCacheEntry<Probe> entry = entry(7);
        cache.put("a", entry);
        store.put("a", 8L);

        assertThat((Object) cache.get("a")).isSameAs(entry);
    }

    private static AggregateCacheEntry<Probe> entry(long version) {
        EventSourcedAggregate<Probe> aggregate = EventSourcedAggregate.reconstruct(new Probe(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Probe.class), version, false, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        return new AggregateCacheEntry<>(aggregate);
    }
}

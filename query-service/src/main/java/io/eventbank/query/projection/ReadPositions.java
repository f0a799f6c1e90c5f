package io.eventbank.query.projection;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Read-your-writes: whether the read models a request reads have reached an event position, and the wait until they
 * have ({@code Min-Event-Position}, API.md). A projection has reached position {@code n} for an aggregate when the
 * stored token of the segment of its active slot's processor that owns the aggregate has reached it, and for a list
 * when every segment's has.
 * <p>
 * A stored token has reached {@code n} when its index is at least {@code n} and {@code n} is not among its gaps.
 * Positions below {@code n} that are gaps do not matter: they are appends not committed when the token was stored,
 * most of them rolled back, and a client only ever holds positions of committed events. A segment also counts as
 * having reached {@code n} when no event it handles lies between its stored index and {@code n}: a segment with
 * nothing to do stores its token only when its processor next extends its claim (every 5 s), or not at all while no
 * event arrives, and it would otherwise hold a list read up for as long. To know which events a segment handles,
 * one follower per replica reads every new event from the event store's shared stream (no query of its own) and
 * keeps, per projection and per bucket of the aggregate-id hash, the last position of an event the projection
 * handles; a segment's events are those of the buckets its mask selects. It also remembers whose event each of the
 * latest positions is: a segment whose token holds {@code n} as a gap (it read later positions before {@code n}
 * committed) has reached {@code n} only if {@code n} is another segment's event ({@link #reached(SegmentToken, long,
 * Followed)}).
 * <p>
 * One watcher per replica reads the stored tokens of the active slots, in one query, every {@code pollInterval}
 * while requests wait, and releases each request whose position has been reached; waiting requests cost no
 * query of their own. The tokens are read from the database, so a segment another replica processes counts too.
 */
@Component
public class ReadPositions implements ConfigurerModule {

    /** Hash buckets: segments with masks up to {@code BUCKETS - 1}, i.e. up to 256 segments, are told apart. */
    private static final int BUCKETS = 256;
    /** The latest events whose aggregate the follower remembers, by position (a power of two). */
    private static final int RECENT = 1 << 16;
    /** How far back the follower starts, at most, so that the segments idle since before a restart count. */
    private static final long MAX_LOOK_BACK = 50_000;

    private static final Logger log = LoggerFactory.getLogger(ReadPositions.class);

    /** One segment's stored token: its index and gaps. */
    record SegmentToken(Segment segment, long index, Set<Long> gaps) {

        boolean covers(long position) {
            return index >= position && !gaps.contains(position);
        }
    }

    /** The stored tokens of a projection's active slot, as last read. */
    record Snapshot(List<SegmentToken> segments) {
    }

    private record Waiter(long position, Predicate<Long> reached, CompletableFuture<Void> released) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final ReadYourWritesSettings settings;

    private final Map<String, long[]> lastEvents = new ConcurrentHashMap<>();
    private final long[] recent = new long[RECENT];
    private final int[] recentHashes = new int[RECENT];
    private final byte[] recentHandled = new byte[RECENT];
    private final Map<Class<?>, boolean[]> handledTypes = new ConcurrentHashMap<>();
    private volatile Map<String, Snapshot> snapshots = Map.of();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();

    /** The follower's view of the store: the first position it knows of, and its token so far. */
    private volatile long followedFrom = Long.MAX_VALUE;
    private volatile GapAwareTrackingToken followed;

    private volatile boolean running;
    private Thread follower;
    private Thread watcher;

    ReadPositions(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore, JdbcClient jdbc,
                  Serializer serializer, ReadYourWritesSettings settings) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.settings = settings;
        ProjectionNames.ALL.forEach(name -> lastEvents.put(name, new long[BUCKETS]));
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS + 2, this::start);
        configurer.onShutdown(Phase.INBOUND_EVENT_CONNECTORS + 2, this::stop);
    }

    /**
     * Waits until the projection has reached the position for the aggregate, or for every aggregate when
     * {@code aggregateId} is {@code null}; {@code false} if it has not within the configured wait.
     */
    public boolean await(String projection, String aggregateId, long position) {
        Predicate<Long> reached = at -> reached(projection, aggregateId, at);
        if (position <= 0 || reached.test(position)) {
            return true;
        }
        Waiter waiter = new Waiter(position, reached, new CompletableFuture<>());
        waiters.add(waiter);
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            waiter.released().get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        } finally {
            waiters.remove(waiter);
        }
    }

    /** Whether the stored tokens, as last read, have reached the position; see the class comment. */
    boolean reached(String projection, String aggregateId, long position) {
        Snapshot snapshot = snapshots.get(projection);
        if (snapshot == null || snapshot.segments().isEmpty()) {
            return false;
        }
        for (SegmentToken token : snapshot.segments()) {
            if ((aggregateId == null || token.segment().matches(aggregateId)) && !reached(projection, token, position)) {
                return false;
            }
        }
        return true;
    }

    private boolean reached(String projection, SegmentToken token, long position) {
        return reached(token, position, new FollowedProjection(ProjectionNames.ALL.indexOf(projection)));
    }

    /**
     * What the follower knows of the events of one projection: which positions it has seen, which segment's
     * events they are, and the last event of each segment.
     */
    interface Followed {

        /** Whether the follower has read every committed event from this position on. */
        boolean followsFrom(long position);

        /** Whether the follower has seen the event at this position (and so knows whose it is). */
        boolean seen(long position);

        /** Whether the event at this position, seen, is one the segment handles. */
        boolean handles(Segment segment, long position);

        /** The position of the last event seen that the segment handles; 0 for none. */
        long lastEventOf(Segment segment);
    }

    /**
     * Whether a segment whose stored token is {@code token} has reached the position, for a read that needs what
     * the segment handles: the token covers it; or it is a gap of the token, and an event the segment does not
     * handle; or the token lies behind it and the segment handles no event after the token up to it.
     */
    static boolean reached(SegmentToken token, long position, Followed followed) {
        if (token.covers(position)) {
            return true;
        }
        if (token.index() >= position) {
            return followed.seen(position) && !followed.handles(token.segment(), position);
        }
        return token.segment().getMask() < BUCKETS && followed.followsFrom(token.index() + 1)
               && followed.seen(position) && followed.lastEventOf(token.segment()) <= token.index();
    }

    /** The follower's knowledge of one projection's events. */
    private final class FollowedProjection implements Followed {

        private final int projection;

        private FollowedProjection(int projection) {
            this.projection = projection;
        }

        @Override
        public boolean followsFrom(long position) {
            return position >= followedFrom;
        }

        @Override
        public boolean seen(long position) {
            GapAwareTrackingToken token = followed;
            return token != null && token.getIndex() >= position && !token.getGaps().contains(position)
                   && position >= followedFrom && recent[slot(position)] == position;
        }

        @Override
        public boolean handles(Segment segment, long position) {
            int slot = slot(position);
            return (recentHandled[slot] & (1 << projection)) != 0 && segment.matches(recentHashes[slot]);
        }

        @Override
        public long lastEventOf(Segment segment) {
            long[] last = lastEvents.get(ProjectionNames.ALL.get(projection));
            long latest = 0;
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                if ((bucket & segment.getMask()) == segment.getSegmentId()) {
                    latest = Math.max(latest, last[bucket]);
                }
            }
            return latest;
        }
    }

    private static int slot(long position) {
        return (int) (position & (RECENT - 1));
    }

    private void start() {
        running = true;
        try {
            readTokens();
        } catch (RuntimeException e) {
            log.warn("Could not read the stored tokens for read-your-writes yet: {}", e.toString());
        }
        follower = Thread.ofPlatform().daemon().name("read-positions-follower").start(this::follow);
        watcher = Thread.ofPlatform().daemon().name("read-positions-watcher").start(this::watch);
    }

    private void stop() {
        running = false;
        for (Thread thread : new Thread[]{follower, watcher}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** Reads every new event's position, aggregate and type; starts early enough to cover the stored tokens. */
    private void follow() {
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(startToken())) {
                while (running) {
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        seen(stream.nextAvailable());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Following the event store for read-your-writes failed; starting again in a second", e);
                followed = null;
                followedFrom = Long.MAX_VALUE;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private GapAwareTrackingToken startToken() {
        long head = eventStore.createHeadToken() == null ? 0 : eventStore.createHeadToken().position().orElse(0);
        long lowestStored = snapshots.values().stream().flatMap(snapshot -> snapshot.segments().stream())
                .mapToLong(SegmentToken::index).min().orElse(head);
        long start = Math.max(0, Math.max(lowestStored, head - MAX_LOOK_BACK));
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(start, List.of());
        lastEvents.values().forEach(last -> Arrays.fill(last, 0));
        Arrays.fill(recent, 0);
        followed = token;
        followedFrom = start + 1;
        return token;
    }

    private void seen(TrackedEventMessage<?> event) {
        if (!(event.trackingToken() instanceof GapAwareTrackingToken token)) {
            return;
        }
        long position = ownPosition(followed, token);
        Object sequence = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : event.getIdentifier();
        int hash = sequence == null ? 0 : sequence.hashCode();
        boolean[] handled = handledTypes.computeIfAbsent(event.getPayloadType(), this::handlers);
        int handledBits = 0;
        for (int i = 0; i < ProjectionNames.ALL.size(); i++) {
            if (handled[i]) {
                handledBits |= 1 << i;
                long[] last = lastEvents.get(ProjectionNames.ALL.get(i));
                last[hash & (BUCKETS - 1)] = Math.max(last[hash & (BUCKETS - 1)], position);
            }
        }
        int slot = slot(position);
        recentHashes[slot] = hash;
        recentHandled[slot] = (byte) handledBits;
        recent[slot] = position;
        followed = token;
    }

    /**
     * The event's own position: the token's index when it moved the index on, else the gap it filled (an append
     * that committed after later ones). The token's index alone would name the highest position seen.
     */
    static long ownPosition(GapAwareTrackingToken before, GapAwareTrackingToken after) {
        if (before == null || after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        for (Long gap : before.getGaps()) {
            if (!after.getGaps().contains(gap)) {
                return gap;
            }
        }
        return after.getIndex();
    }

    /** Which projections handle events of this type (both slots of a projection have the same handlers). */
    private boolean[] handlers(Class<?> payloadType) {
        boolean[] handled = new boolean[ProjectionNames.ALL.size()];
        for (int i = 0; i < handled.length; i++) {
            String processor = Slot.BLUE.processor(ProjectionNames.ALL.get(i));
            handled[i] = processing.eventProcessor(processor, AbstractEventProcessor.class)
                    .map(found -> found.eventHandlerInvoker().canHandleType(payloadType))
                    .orElse(true);
        }
        return handled;
    }

    /** While requests wait, reads the stored tokens every poll interval and releases the requests they allow. */
    private void watch() {
        while (running) {
            try {
                synchronized (wake) {
                    if (waiters.isEmpty()) {
                        wake.wait(1000);
                    }
                }
                if (waiters.isEmpty()) {
                    continue;
                }
                readTokens();
                for (Waiter waiter : waiters) {
                    if (waiter.reached().test(waiter.position())) {
                        waiter.released().complete(null);
                    }
                }
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not read the stored tokens for read-your-writes: {}", e.toString());
                try {
                    Thread.sleep(Math.max(100, settings.pollInterval().toMillis()));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The stored tokens of every projection's active slot, in one query. */
    private void readTokens() {
        Map<String, List<SegmentToken>> read = new HashMap<>();
        Map<String, List<Integer>> ids = new HashMap<>();
        record Row(String projection, int segment, byte[] token, String type) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT g.projection, t.segment, t.token, t.token_type
                        FROM projection_generation g
                        JOIN token_entry t ON t.processor_name = g.projection || '-' || g.active_slot""")
                .query((row, n) -> new Row(row.getString("projection"), row.getInt("segment"),
                        row.getBytes("token"), row.getString("token_type")))
                .list();
        for (Row row : rows) {
            ids.computeIfAbsent(row.projection(), name -> new ArrayList<>()).add(row.segment());
        }
        for (Row row : rows) {
            Segment segment = segmentOf(ids.get(row.projection()), row.segment());
            read.computeIfAbsent(row.projection(), name -> new ArrayList<>())
                    .add(token(segment, row.token(), row.type()));
        }
        Map<String, Snapshot> next = new HashMap<>();
        read.forEach((projection, tokens) -> next.put(projection, new Snapshot(List.copyOf(tokens))));
        snapshots = Map.copyOf(next);
    }

    private static Segment segmentOf(List<Integer> ids, int id) {
        return Arrays.stream(Segment.computeSegments(ids.stream().mapToInt(Integer::intValue).toArray()))
                .filter(segment -> segment.getSegmentId() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("segment " + id + " is not among " + ids));
    }

    private SegmentToken token(Segment segment, byte[] data, String type) {
        TrackingToken token = data == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
        while (token instanceof ReplayToken replay) {
            token = replay.getCurrentToken();
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return new SegmentToken(segment, gapAware.getIndex(), Set.copyOf(gapAware.getGaps()));
        }
        // none yet: before the first position (1); another kind of token: its lower bound, with no gaps to tell
        return new SegmentToken(segment, token == null ? 0 : token.position().orElse(0), Set.of());
    }
}

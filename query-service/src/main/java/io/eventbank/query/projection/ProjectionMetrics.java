package io.eventbank.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Per projection (tag {@code projection}), read from {@link Projections#statuses()} at most once a second:
 * <ul>
 *     <li>{@code eventbank_projection_lag_events}: events between the head of the event store and the lowest
 *     position of the projection's segments (its active slot);</li>
 *     <li>{@code eventbank_projection_lag_milliseconds}: how long ago the oldest event not yet projected was stored;
 *     0 when caught up;</li>
 *     <li>{@code eventbank_projection_parked_events}: events in its dead-letter queue;</li>
 *     <li>{@code eventbank_projection_failing_segments}: segments failing and being retried;</li>
 *     <li>{@code eventbank_projection_segments_claimed}: segments this replica holds.</li>
 * </ul>
 * Each gauge is NaN while the figures cannot be read (the database away).
 */
@Component
class ProjectionMetrics implements MeterBinder {

    private static final long REFRESH_MILLIS = 1000;

    record Figures(long lagEvents, long lagMillis, long parked, long failingSegments, long segmentsClaimed) {
    }

    private final Projections projections;
    private final JdbcClient eventStore;
    private final Clock clock;
    private volatile Map<String, Figures> figures = Map.of();
    private volatile long readAt;

    ProjectionMetrics(Projections projections, @Qualifier("eventStoreDataSource") DataSource eventStore) {
        this.projections = projections;
        this.eventStore = JdbcClient.create(eventStore);
        this.clock = Clock.systemUTC();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String projection : ProjectionNames.ALL) {
            gauge(registry, "eventbank.projection.lag.events", projection, "events not yet projected",
                    Figures::lagEvents);
            gauge(registry, "eventbank.projection.lag.milliseconds", projection,
                    "age of the oldest event not yet projected", Figures::lagMillis);
            gauge(registry, "eventbank.projection.parked.events", projection, "events in the dead-letter queue",
                    Figures::parked);
            gauge(registry, "eventbank.projection.failing.segments", projection, "segments failing and retried",
                    Figures::failingSegments);
            gauge(registry, "eventbank.projection.segments.claimed", projection, "segments this replica holds",
                    Figures::segmentsClaimed);
        }
    }

    private void gauge(MeterRegistry registry, String name, String projection, String description,
                       ToDoubleFunction<Figures> figure) {
        Gauge.builder(name, this, metrics -> {
                    Figures current = metrics.current().get(projection);
                    return current == null ? Double.NaN : figure.applyAsDouble(current);
                })
                .tag("projection", projection)
                .description(description)
                .register(registry);
    }

    private synchronized Map<String, Figures> current() {
        long now = clock.millis();
        if (now - readAt >= REFRESH_MILLIS) {
            try {
                figures = projections.statuses().stream().collect(Collectors.toMap(ProjectionStatus::name,
                        status -> new Figures(status.lag(), lagMillis(status, now), status.deadLetters(),
                                status.segments().stream().filter(segment -> segment.error() != null).count(),
                                status.segments().stream().filter(ProjectionStatus.SegmentStatus::claimedHere).count())));
            } catch (RuntimeException unreadable) {
                figures = Map.of();
            }
            readAt = now;
        }
        return figures;
    }

    private long lagMillis(ProjectionStatus status, long now) {
        if (status.lag() == 0) {
            return 0;
        }
        return eventStore.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > ? "
                              + "ORDER BY global_index LIMIT 1")
                .param(status.position())
                .query(String.class).optional()
                .map(stamp -> Math.max(0, now - Instant.parse(stamp).toEpochMilli()))
                .orElse(0L);
    }
}

package io.eventbank.command.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code eventbank_eventstore_head_position}: the global position of the newest event, read at each scrape; its
 * rate is the events appended per second, and the query side's lag is measured against it. NaN while the
 * database cannot be reached.
 */
@Component
class EventStoreMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    EventStoreMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("eventbank.eventstore.head.position", this, EventStoreMetrics::headPosition)
                .description("global position of the newest event in the event store")
                .register(registry);
    }

    private double headPosition() {
        try {
            return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}

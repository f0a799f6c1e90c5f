package io.eventbank.query.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code eventProcessor_latency{processorName}}, as Axon's {@code EventProcessorLatencyMonitor} reports it: how old,
 * in milliseconds, the last event a processor took in was when it took it in. Axon's monitor builds the gauge's tags
 * and registers the gauge with the registry again for every event (a lookup of the meter by name and tags); this
 * one registers it once.
 */
final class ProcessorLatencyMonitor implements MessageMonitor<EventMessage<?>> {

    static final String METER = "eventProcessor.latency";

    private final AtomicLong latency = new AtomicLong();
    private final Clock clock;

    ProcessorLatencyMonitor(MeterRegistry registry, String processor, Clock clock) {
        this.clock = clock;
        Gauge.builder(METER, latency, AtomicLong::get).tag("processorName", processor).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        if (message != null) {
            latency.set(clock.millis() - message.getTimestamp().toEpochMilli());
        }
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}

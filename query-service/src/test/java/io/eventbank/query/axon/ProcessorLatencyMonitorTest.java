package io.eventbank.query.axon;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorLatencyMonitorTest {

    @Test
    void theGaugeSaysHowOldTheLastEventWasWhenTakenIn() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessorLatencyMonitor monitor = new ProcessorLatencyMonitor(registry, "accounts-blue",
                Clock.fixed(now, ZoneOffset.UTC));

        monitor.onMessageIngested(new GenericEventMessage<>("older", "older", Map.of(), now.minusMillis(900)));
        monitor.onMessageIngested(new GenericEventMessage<>("last", "last", Map.of(), now.minusMillis(250)));

        assertThat(registry.get("eventProcessor.latency").tag("processorName", "accounts-blue").gauge().value())
                .isEqualTo(250.0);
    }
}

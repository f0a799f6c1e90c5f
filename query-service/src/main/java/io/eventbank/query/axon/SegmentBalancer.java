package io.eventbank.query.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.eventbank.query.projection.ProjectionSettings;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the processors' segments between the query-service instances on one read-model database.
 * <p>
 * A pooled processor claims every unclaimed segment it can, so the first instance up would hold them all and a
 * second one would sit idle. Every instance therefore keeps a heartbeat row in {@code projection_instance}; each
 * round it counts the live instances and hands back (for a short while, so another instance can claim them) the
 * segments it holds beyond its fair share. An instance that dies stops its heartbeat, and its segments' claims run
 * out after Axon's claim timeout: the survivors' share grows and they claim them.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Duration interval;
    private final Duration liveness;
    private final String instanceId;
    private ScheduledExecutorService scheduler;

    SegmentBalancer(EventProcessingConfiguration processing, JdbcClient jdbc,
                    ProjectionSettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.interval = settings.balanceInterval();
        this.liveness = settings.instanceLiveness();
        this.instanceId = hostName() + "/" + UUID.randomUUID();
    }

    /** Counts the live instances and hands back this instance's segments beyond its share. */
    void balance() {
        jdbc.sql("""
                        INSERT INTO projection_instance (instance_id, last_seen) VALUES (?, now())
                        ON CONFLICT (instance_id) DO UPDATE SET last_seen = now()""")
                .param(instanceId).update();
        jdbc.sql("DELETE FROM projection_instance WHERE last_seen < now() - make_interval(secs => ?)")
                .param(liveness.toSeconds() * 6).update();
        int live = jdbc.sql("SELECT count(*) FROM projection_instance WHERE last_seen >= now() - make_interval(secs => ?)")
                .param(liveness.toSeconds()).query(Integer.class).single();
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                // the processor of an idle projection slot is shut down: it holds no segment to hand back
                .filter(StreamingEventProcessor::isRunning).toList()) {
            int segments = jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ?")
                    .param(processor.getName()).query(Integer.class).single();
            int share = (segments + Math.max(live, 1) - 1) / Math.max(live, 1);
            List<Integer> held = processor.processingStatus().keySet().stream()
                    .sorted(Comparator.reverseOrder()).toList();
            for (int segment : held.subList(0, Math.max(0, held.size() - share))) {
                log.info("Handing back segment {} of {}: {} instance(s) share {} segments, {} each",
                        segment, processor.getName(), live, segments, share);
                processor.releaseSegment(segment, interval.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("segment-balancer").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (RuntimeException e) {
                log.warn("Could not balance the processor segments: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            jdbc.sql("DELETE FROM projection_instance WHERE instance_id = ?").param(instanceId).update();
        } catch (RuntimeException e) {
            log.debug("Could not remove the heartbeat of {}: {}", instanceId, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}

package io.eventbank.query.projection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code projections} health group ({@code /actuator/health/projections}): {@code UP} while every segment of
 * every projection commits and nothing is parked, {@code DEGRADED} (HTTP 200) while a segment fails or events are
 * parked in a dead-letter queue, in the slot the queries read. The root health ignores this status (see
 * {@code management.endpoint.health.status} in application.yml): a replica whose projections are degraded still
 * serves reads, and the proxy and container health checks must keep sending it requests.
 */
@Component("projectionPipelineHealthIndicator")
class ProjectionHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a segment fails or events are parked");

    private final SegmentFailures failures;
    private final DeadLetters deadLetters;
    private final Generations generations;

    ProjectionHealth(SegmentFailures failures, DeadLetters deadLetters, Generations generations) {
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.generations = generations;
    }

    @Override
    public Health health() {
        boolean degraded = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String projection : ProjectionNames.ALL) {
            String active = generations.of(projection).active().processor(projection);
            int failingSegments = failures.of(active).size();
            long parked = deadLetters.count(active);
            degraded |= failingSegments > 0 || parked > 0;
            details.put(projection, Map.of("failingSegments", failingSegments, "parkedEvents", parked));
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetails(details).build();
    }
}

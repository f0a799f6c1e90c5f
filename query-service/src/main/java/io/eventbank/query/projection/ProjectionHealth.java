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
 * parked in a dead-letter queue. The root health ignores this status (see {@code management.endpoint.health.status}
 * in application.yml): a replica whose projections are degraded still serves reads, and the proxy and container
 * health checks must keep sending it requests.
 */
@Component("projectionPipelineHealthIndicator")
class ProjectionHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a segment fails or events are parked");

    private final SegmentFailures failures;
    private final DeadLetters deadLetters;

    ProjectionHealth(SegmentFailures failures, DeadLetters deadLetters) {
        this.failures = failures;
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        boolean degraded = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String projection : ProjectionNames.ALL) {
            int failingSegments = failures.of(projection).size();
            long parked = deadLetters.count(projection);
            degraded |= failingSegments > 0 || parked > 0;
            details.put(projection, Map.of("failingSegments", failingSegments, "parkedEvents", parked));
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetails(details).build();
    }
}

package io.eventbank.query.projection;

import io.eventbank.query.projection.Generations.Generation;
import io.eventbank.query.projection.ProjectionStatus.Rebuild;
import io.eventbank.query.projection.ProjectionStatus.SegmentStatus;
import io.eventbank.query.projection.ProjectionStatus.Status;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projections of this service by their public names: where their active slot stands across all instances, the
 * rebuild of the other slot while a replay runs, and their replays.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final SegmentFailures errors;
    private final DeadLetters deadLetters;
    private final Generations generations;
    private final Tokens tokens;

    Projections(EventProcessingConfiguration processing, EventStore eventStore, SegmentFailures errors,
                DeadLetters deadLetters, Generations generations, Tokens tokens) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.errors = errors;
        this.deadLetters = deadLetters;
        this.generations = generations;
        this.tokens = tokens;
    }

    public List<ProjectionStatus> statuses() {
        long head = headPosition();
        return ProjectionNames.ALL.stream().map(name -> status(generations.of(name), head)).toList();
    }

    /**
     * Rebuilds the projection's read model from the first event in its idle slot, beside the active slot that every
     * instance keeps serving, and switches to it once it has caught up ({@link Generations}). Any instance may be
     * asked; answers at once.
     */
    public ProjectionStatus replay(String name) {
        return status(generations.replay(name), headPosition());
    }

    /** Handles the parked events of the active slot again, and those of the slot being rebuilt. */
    public DeadLetters.RetryResult retryDeadLetters(String name) {
        Generation generation = generations.of(name);
        DeadLetters.RetryResult result = deadLetters.retry(generation.active().processor(name));
        if (generation.building() == null) {
            return result;
        }
        DeadLetters.RetryResult building = deadLetters.retry(generation.building().processor(name));
        return new DeadLetters.RetryResult(result.sequencesProcessed() + building.sequencesProcessed(),
                result.eventsRemaining() + building.eventsRemaining());
    }

    private ProjectionStatus status(Generation generation, long head) {
        String name = generation.projection();
        StreamingEventProcessor active = processor(generation.active().processor(name));
        List<SegmentStatus> segments = segments(active, false);
        long position = Tokens.position(tokens.of(active.getName()));
        long parked = deadLetters.count(active.getName());
        boolean failing = active.isError() || segments.stream().anyMatch(segment -> segment.error() != null);
        Rebuild rebuild = null;
        if (generation.building() != null) {
            StreamingEventProcessor building = processor(generation.building().processor(name));
            List<SegmentStatus> rebuilt = segments(building, true);
            long rebuiltTo = Tokens.position(tokens.of(building.getName()));
            rebuild = new Rebuild(generation.building().id(), rebuiltTo, Math.max(0, head - rebuiltTo), rebuilt);
            failing |= building.isError() || rebuilt.stream().anyMatch(segment -> segment.error() != null);
        }
        Status status;
        if (failing) {
            status = Status.ERROR;
        } else if (!active.isRunning()) {
            status = Status.STOPPED;
        } else if (parked > 0) {
            status = Status.DEGRADED;
        } else if (rebuild != null) {
            status = Status.REPLAYING;
        } else {
            status = Status.RUNNING;
        }
        return new ProjectionStatus(name, status, position, head, Math.max(0, head - position), rebuild != null,
                segments, parked, parked == 0 ? List.of() : deadLetters.of(active.getName()),
                generation.active().id(), rebuild);
    }

    private List<SegmentStatus> segments(StreamingEventProcessor processor, boolean replaying) {
        Map<Integer, SegmentFailures.SegmentError> failures = errors.of(processor.getName());
        Set<Integer> claimedHere = processor.processingStatus().keySet();
        return tokens.of(processor.getName()).stream()
                .map(row -> new SegmentStatus(row.segment(), row.position(), row.owner(),
                        claimedHere.contains(row.segment()), replaying, failures.get(row.segment())))
                .toList();
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjectionException(name));
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}

package io.eventbank.query.projection;

import java.util.List;

/**
 * Where one event processor stands. {@code position} is the lowest position over all its segments as stored in the
 * token table, whichever instance holds them; {@code headPosition} the newest event of the event store;
 * {@code status} is RUNNING, REPLAYING, ERROR (a segment is failing and being retried), DEGRADED (running, but
 * events of some aggregates are parked in the dead-letter queue) or STOPPED (on this instance).
 */
public record ProjectionStatus(String name, Status status, long position, long headPosition, long lag,
                               boolean replaying, List<SegmentStatus> segments, long deadLetters,
                               List<DeadLetters.DeadLetterSequence> deadLetterSequences) {

    public enum Status {
        RUNNING,
        REPLAYING,
        ERROR,
        DEGRADED,
        STOPPED
    }

    /** One segment: its stored position, the instance that holds it (if any), and its current failure (if any). */
    public record SegmentStatus(int segment, long position, String owner, boolean claimedHere, boolean replaying,
                                SegmentFailures.SegmentError error) {
    }
}

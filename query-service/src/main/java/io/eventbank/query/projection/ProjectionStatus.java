package io.eventbank.query.projection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Where one projection stands, by its public name. Its figures are those of the active slot (the one the queries
 * read): {@code position} is the lowest position over all its segments as stored in the token table, whichever
 * instance holds them; {@code headPosition} the newest event of the event store; {@code status} is RUNNING,
 * REPLAYING (the other slot is being rebuilt), ERROR (a segment of either slot is failing and being retried),
 * DEGRADED (running, but events of some aggregates are parked in the dead-letter queue) or STOPPED (on this
 * instance). While a replay rebuilds the other slot, {@code rebuild} says how far it got.
 */
public record ProjectionStatus(String name, Status status, long position, long headPosition, long lag,
                               boolean replaying, List<SegmentStatus> segments, long deadLetters,
                               List<DeadLetters.DeadLetterSequence> deadLetterSequences, String activeSlot,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Rebuild rebuild) {

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

    /** The slot a replay is rebuilding: how far it got (the lowest over its segments) and its segments. */
    public record Rebuild(String slot, long position, long lag, List<SegmentStatus> segments) {
    }
}

package io.eventbank.query.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a segment's stored token has reached a position (API.md, read-your-writes), with what the follower of the
 * event store has seen: which positions, and whose events they are.
 */
class ReadPositionsTest {

    private static final Segment[] SEGMENTS = Segment.computeSegments(0, 1, 2, 3);
    private static final Segment MINE = SEGMENTS[1];
    private static final Segment OTHER = SEGMENTS[2];

    /** The follower, having read from position 1 on, saw these events: position and the segment that handles it. */
    private static Followed followed(long lastOfMine, Map<Long, Segment> events) {
        return new Followed(1, lastOfMine, events);
    }

    private record Followed(long from, long lastOfMine, Map<Long, Segment> events)
            implements ReadPositions.Followed {

        @Override
        public boolean followsFrom(long position) {
            return position >= from;
        }

        @Override
        public boolean seen(long position) {
            return events.containsKey(position);
        }

        @Override
        public boolean handles(Segment segment, long position) {
            return events.get(position).equals(segment);
        }

        @Override
        public long lastEventOf(Segment segment) {
            return segment.equals(MINE) ? lastOfMine : 0;
        }
    }

    private static ReadPositions.SegmentToken token(long index, Long... gaps) {
        return new ReadPositions.SegmentToken(MINE, index, Set.of(gaps));
    }

    @Test
    void aTokenAtOrPastThePositionThatDoesNotHoldItAsAGapHasReachedIt() {
        Followed nothingSeen = followed(0, Map.of());

        assertThat(ReadPositions.reached(token(10), 10, nothingSeen)).isTrue();
        assertThat(ReadPositions.reached(token(12, 9L, 11L), 10, nothingSeen)).isTrue();
    }

    /** The segment read later positions before this one committed: its own event is still to come. */
    @Test
    void aGapOfTheTokenThatIsTheSegmentsOwnEventHasNotBeenReached() {
        Followed sawIt = followed(12, Map.of(11L, MINE, 12L, MINE));

        assertThat(ReadPositions.reached(token(12, 11L), 11, sawIt)).isFalse();
    }

    @Test
    void aGapOfTheTokenThatIsAnotherSegmentsEventHoldsNothingUp() {
        Followed sawIt = followed(12, Map.of(11L, OTHER, 12L, MINE));

        assertThat(ReadPositions.reached(token(12, 11L), 11, sawIt)).isTrue();
    }

    @Test
    void aGapTheFollowerHasNotSeenEitherHasNotBeenReached() {
        assertThat(ReadPositions.reached(token(12, 11L), 11, followed(12, Map.of(12L, MINE)))).isFalse();
    }

    /** The segment had nothing to do since its token was stored: it has not stored a newer one. */
    @Test
    void aTokenBehindThePositionHasReachedItWhenTheSegmentHasNoEventInBetween() {
        Followed othersOnly = followed(5, Map.of(6L, OTHER, 7L, OTHER, 8L, OTHER));

        assertThat(ReadPositions.reached(token(5), 8, othersOnly)).isTrue();
    }

    @Test
    void aTokenBehindThePositionHasNotReachedItWhenTheSegmentHasAnEventInBetween() {
        Followed oneOfMine = followed(7, Map.of(6L, OTHER, 7L, MINE, 8L, OTHER));

        assertThat(ReadPositions.reached(token(5), 8, oneOfMine)).isFalse();
        assertThat(ReadPositions.reached(token(5), 8, followed(5, Map.of(6L, OTHER)))).as("8 not seen yet")
                .isFalse();
    }

    @Test
    void aTokenOlderThanWhatTheFollowerReadCannotBeJudgedByIt() {
        Followed fromSix = new Followed(6, 0, Map.of(6L, OTHER, 7L, OTHER, 8L, OTHER));

        assertThat(ReadPositions.reached(token(4), 8, fromSix)).isFalse();
    }

    @Test
    void anEventThatFillsAGapIsAtTheGapsPositionNotTheTokensIndex() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(12, List.of(9L, 11L));
        GapAwareTrackingToken after = GapAwareTrackingToken.newInstance(12, List.of(9L));

        assertThat(ReadPositions.ownPosition(before, after)).isEqualTo(11);
        assertThat(ReadPositions.ownPosition(after, GapAwareTrackingToken.newInstance(14, List.of(9L, 13L))))
                .isEqualTo(14);
    }
}

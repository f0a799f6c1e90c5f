package io.eventbank.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The settings of the projection pipeline ({@code eventbank.projections.*}). Their defaults, and the environment
 * variables that override them, are in {@code application.yml} and nowhere else.
 *
 * @param segments                 segments per processor when its tokens are first created
 * @param maxClaimedSegments       the most segments one instance may claim
 * @param balanceInterval          how often an instance hands back segments beyond its fair share
 * @param instanceLiveness         how long an instance counts as alive after its last heartbeat
 * @param batchSize                events per transaction at most
 * @param fetchDelay               how often the event store table is read for new events
 * @param wakeOnFetch              wake the processors as soon as new events have been read
 * @param fetchBatchSize           events per read of the event store table
 * @param sharedReads              full batches read from the event store kept for the other processors reading
 *                                 beside (0: every processor reads for itself)
 * @param sharedReadWait           how long, at most per batch, a processor reading ahead waits for one close behind
 * @param cachedEvents             latest events kept in memory for the processors that are caught up
 * @param fullQueueRecheck         how soon a coordinator looks again when a segment's queue is full
 * @param gapTimeout               how long a missing event position is waited for
 * @param gapCleaningThreshold     gaps a token holds before the timed-out ones are dropped
 * @param deadLetterRetryInterval  how often parked events are handled again
 */
@ConfigurationProperties("eventbank.projections")
public record ProjectionSettings(int segments, int maxClaimedSegments, Duration balanceInterval,
                                 Duration instanceLiveness, int batchSize, Duration fetchDelay, boolean wakeOnFetch,
                                 int fetchBatchSize, int sharedReads, Duration sharedReadWait,
                                 int cachedEvents, Duration fullQueueRecheck, Duration gapTimeout,
                                 int gapCleaningThreshold, Duration deadLetterRetryInterval) {
}

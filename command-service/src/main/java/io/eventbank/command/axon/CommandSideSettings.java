package io.eventbank.command.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The command side's Axon settings ({@code eventbank.*}). Their defaults, and the environment variables that
 * override them, are in {@code application.yml} and nowhere else.
 *
 * @param snapshot       how many events between two snapshots of an aggregate
 * @param eventstore     how many of the latest events the embedded event store keeps in memory, and how often it
 *                       reads new ones
 * @param aggregateCache {@code lru}, {@code weak} or {@code none}
 * @param aggregateCacheSize  how many aggregates the {@code lru} cache keeps
 * @param aggregateCacheCheck compare a cached aggregate with the store's last sequence number before use
 * @param command        retries of a command that lost an append race
 */
@ConfigurationProperties("eventbank")
public record CommandSideSettings(Snapshot snapshot, EventStore eventstore, String aggregateCache,
                                  int aggregateCacheSize, boolean aggregateCacheCheck, Command command) {

    public record Snapshot(int threshold) {
    }

    /**
     * {@code cachedEvents}: the latest events kept in memory for the saga's processor; {@code readLinger}: the
     * longest the reader of new events waits after a commit, so that the commits meanwhile share one read.
     */
    public record EventStore(int cachedEvents, Duration readLinger) {
    }

    /** {@code maxRetries} 0 switches retries off; {@code retryBackoffMs} is the first back-off, doubled each time. */
    public record Command(int maxRetries, long retryBackoffMs) {
    }
}

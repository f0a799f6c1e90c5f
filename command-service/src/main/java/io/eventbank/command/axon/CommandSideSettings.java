package io.eventbank.command.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command side's Axon settings ({@code eventbank.*}). Their defaults, and the environment variables that
 * override them, are in {@code application.yml} and nowhere else.
 *
 * @param snapshot       how many events between two snapshots of an aggregate
 * @param eventstore     how many of the latest events the embedded event store keeps in memory
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

    public record EventStore(int cachedEvents) {
    }

    /** {@code maxRetries} 0 switches retries off; {@code retryBackoffMs} is the first back-off, doubled each time. */
    public record Command(int maxRetries, long retryBackoffMs) {
    }
}

package io.eventbank.command.publisher;

import java.time.Instant;

/**
 * How far the event stream got ({@code GET /api/admin/publisher}).
 *
 * @param state     {@code RUNNING}; {@code RETRYING} while batches fail (the broker is unreachable) and the processor
 *                  backs off; {@code STARTING} before it has claimed its token; {@code STOPPED}
 * @param position  the global index of the last event published and confirmed
 * @param head      the global index of the last event in the store
 * @param lag       events in the store not yet confirmed by the broker
 * @param lastError the last batch that failed, also after publishing recovered; {@code null} if none has
 */
record PublisherStatus(String topic, String state, long position, long head, long lag, Failure lastError) {

    record Failure(String message, Instant at) {
    }
}

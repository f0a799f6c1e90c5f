package io.eventbank.command.publisher;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;

/** The publisher's status, from its processor's segment and the event store's head. */
class PublisherMonitor {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final EventStreamPublisher publisher;
    private final String topic;

    PublisherMonitor(EventProcessingConfiguration processing, EventStore eventStore, EventStreamPublisher publisher,
                     String topic) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.publisher = publisher;
        this.topic = topic;
    }

    PublisherStatus status() {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(EventStreamPublisher.PROCESSOR, StreamingEventProcessor.class);
        EventTrackerStatus segment = processor.map(p -> p.processingStatus().get(0)).orElse(null);
        String state;
        if (processor.isEmpty() || !processor.get().isRunning()) {
            state = "STOPPED";
        } else if (segment == null) {
            state = "STARTING";
        } else {
            state = segment.isErrorState() ? "RETRYING" : "RUNNING";
        }
        long position = segment == null ? 0 : segment.getCurrentPosition().orElse(0);
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        return new PublisherStatus(topic, state, position, head, Math.max(0, head - position), publisher.lastFailure());
    }
}

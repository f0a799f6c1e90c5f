package io.eventbank.query.projection;

import io.eventbank.query.projection.ProjectionStatus.SegmentStatus;
import io.eventbank.query.projection.ProjectionStatus.Status;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The event processors of this service: their state across all instances, and their replays. */
@Component
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    private record TokenRow(int segment, TrackingToken token, String owner) {

        long position() {
            return positionOf(token);
        }

        /** Axon keeps a replay token until the next event after the reset point; caught up is done here. */
        boolean replaying() {
            return token instanceof ReplayToken replay && position() < positionOf(replay.getTokenAtReset());
        }

        private static long positionOf(TrackingToken token) {
            return token == null ? 0 : token.position().orElse(0);
        }
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final SegmentFailures errors;
    private final TransactionManager transactionManager;
    private final DeadLetters deadLetters;

    Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc,
                Serializer serializer, SegmentFailures errors, TransactionManager transactionManager,
                DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.errors = errors;
        this.transactionManager = transactionManager;
    }

    public List<ProjectionStatus> statuses() {
        long head = headPosition();
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .sorted(Comparator.comparing(StreamingEventProcessor::getName))
                .map(processor -> status(processor, head))
                .toList();
    }

    /**
     * Resets the processor's tokens to the start of the event store; its reset handlers empty its tables in the
     * same transaction, and the processor rebuilds them once started again. Every segment must be unclaimed, so
     * the processor has to be stopped on every other instance first.
     */
    public synchronized ProjectionStatus replay(String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjectionException(name));
        processor.shutDown();
        try {
            processor.resetTokens();
            deadLetters.clear(name);
            releaseClaims(name);
            log.info("Replaying projection {} from the start of the event store", name);
        } catch (UnableToClaimTokenException e) {
            throw new ProjectionClaimedException(name, e);
        } finally {
            processor.start();
        }
        return status(processor, headPosition());
    }

    /**
     * The reset claimed every segment for this instance; handing them back lets other instances take their share
     * at once instead of after the claim timeout.
     */
    private void releaseClaims(String name) {
        TokenStore tokenStore = processing.tokenStore(name);
        transactionManager.executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(name)) {
                tokenStore.releaseClaim(name, segment);
            }
        });
    }

    private ProjectionStatus status(StreamingEventProcessor processor, long head) {
        List<TokenRow> rows = tokenRows(processor.getName());
        Map<Integer, SegmentFailures.SegmentError> failures = errors.of(processor.getName());
        Set<Integer> claimedHere = processor.processingStatus().keySet();
        List<SegmentStatus> segments = rows.stream()
                .map(row -> new SegmentStatus(row.segment(), row.position(), row.owner(),
                        claimedHere.contains(row.segment()), row.replaying(), failures.get(row.segment())))
                .toList();
        long position = rows.stream().mapToLong(TokenRow::position).min().orElse(0);
        boolean replaying = rows.stream().anyMatch(TokenRow::replaying);
        long parked = deadLetters.count(processor.getName());
        Status status;
        if (!failures.isEmpty() || processor.isError()) {
            status = Status.ERROR;
        } else if (!processor.isRunning()) {
            status = Status.STOPPED;
        } else if (replaying) {
            status = Status.REPLAYING;
        } else if (parked > 0) {
            status = Status.DEGRADED;
        } else {
            status = Status.RUNNING;
        }
        return new ProjectionStatus(processor.getName(), status, position, head, Math.max(0, head - position),
                replaying, segments, parked, parked == 0 ? List.of() : deadLetters.of(processor.getName()));
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** Read straight from the token table: fetching a token through the token store would claim it. */
    private List<TokenRow> tokenRows(String processor) {
        return jdbc.sql("SELECT segment, token, token_type, owner FROM token_entry WHERE processor_name = ? "
                        + "ORDER BY segment")
                .param(processor)
                .query((row, n) -> new TokenRow(row.getInt("segment"),
                        token(row.getBytes("token"), row.getString("token_type")), row.getString("owner")))
                .list();
    }

    private TrackingToken token(byte[] data, String type) {
        return data == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
    }
}

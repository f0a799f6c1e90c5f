package io.eventbank.query.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the one event a batch fails on, so that only that event's aggregate is dead-lettered, whether the event
 * fails in its handler, when its rows are written, or when its transaction commits.
 * <p>
 * A projection normally handles a batch of events in one transaction and writes them at commit
 * ({@link BatchWrites}). When a batch fails, anywhere, the processor rolls it back and tries again; this time, until a
 * batch of that segment commits, each event is handled in a savepoint of its own, its rows are written at once, and
 * the transaction checks deferred constraints at every statement ({@code SET CONSTRAINTS ALL IMMEDIATE}), so that
 * what would have failed at commit fails with its event. An event that fails then is rolled back to its savepoint,
 * alone, and handed to the dead-letter queue, while the transaction (still usable: PostgreSQL aborts a transaction on
 * any error, a savepoint undoes that) goes on with the next event. Outside that mode a failing event fails the whole
 * batch, so nothing a failed handler half-wrote is ever committed.
 * <p>
 * Whether a failure belongs to the event or to the database is decided by its SQL state ({@link DatabaseFailures}):
 * a failure of the database itself (a lost connection, a full disk, a serialization conflict) is no fault of the
 * event, and parking it would park every event. Such a batch fails and is retried with back-off, visible in the admin
 * status, until the cause is gone; nothing is skipped.
 * <p>
 * Every {@code @EventHandler} of a {@code @ProcessingGroup} class is wrapped by this enhancer, which runs inside
 * Axon's dead-lettering invoker: a projection declares handlers and nothing else.
 */
@Component
public class EventIsolation implements HandlerEnhancerDefinition {

    private static final String SEGMENT_KEY_SUFFIX = "]/SegmentId";
    private static final String IMMEDIATE_KEY = EventIsolation.class.getName() + "/immediate";

    private final DataSource dataSource;
    private final Set<String> isolating = ConcurrentHashMap.newKeySet();

    EventIsolation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !original.hasAnnotation(EventHandler.class)
            || !original.declaringClass().isAnnotationPresent(ProcessingGroup.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                return isolated(() -> super.handle(message, target));
            }
        };
    }

    private interface Handling {
        Object proceed() throws Exception;
    }

    private Object isolated(Handling handling) throws Exception {
        String segment = segmentKey();
        if (segment != null && !isolating.contains(segment)) {
            try {
                return handling.proceed();
            } catch (Exception e) {
                isolating.add(segment);
                failBatch("an event of this batch failed (" + e.getMessage()
                          + "); the batch is handled again one event at a time", e);
                throw e;
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        checkConstraintsImmediately(connection);
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = handling.proceed();
            BatchWrites.writeAll();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception e) {
            connection.rollback(savepoint);
            BatchWrites.forgetAll();
            if (DatabaseFailures.classify(e) == DatabaseFailures.Kind.DATABASE) {
                // The database failed, not the event: fail the batch with the real cause, so the processor retries
                // it (with back-off) and the admin status shows why; the dead letter written meanwhile rolls back.
                failBatch(e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Once per transaction: constraints declared deferrable are checked at each statement, inside its savepoint. */
    private static void checkConstraintsImmediately(Connection connection) throws Exception {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (unitOfWork.resources().putIfAbsent(IMMEDIATE_KEY, Boolean.TRUE) == null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
            }
        }
    }

    private static void failBatch(String message, Exception cause) {
        CurrentUnitOfWork.get().onPrepareCommit(u -> {
            throw new IllegalStateException(message, cause);
        });
    }

    /** A batch of the segment failed, in a handler, at its writes or at commit: its retry isolates every event. */
    void failed(String processor, int segment) {
        isolating.add(processor + "/" + segment);
    }

    /** A batch of the segment committed: back to writing whole batches at commit. */
    void committed(String processor, int segment) {
        isolating.remove(processor + "/" + segment);
    }

    /**
     * The processor and segment of the batch being handled, from the key its work package gives the segment in the
     * unit of work ({@code Processor[name]/SegmentId}), or {@code null} outside a processor's batch (a dead-letter
     * retry), which is always isolated.
     */
    private static String segmentKey() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        for (Map.Entry<String, Object> resource : CurrentUnitOfWork.get().resources().entrySet()) {
            String key = resource.getKey();
            if (key.startsWith("Processor[") && key.endsWith(SEGMENT_KEY_SUFFIX)
                && resource.getValue() instanceof Integer segment) {
                return key.substring("Processor[".length(), key.length() - SEGMENT_KEY_SUFFIX.length())
                       + "/" + segment;
            }
        }
        return null;
    }
}

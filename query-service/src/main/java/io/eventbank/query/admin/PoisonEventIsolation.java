package io.eventbank.query.admin;

import io.eventbank.query.readmodel.BatchWrites;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the one event a batch fails on, so that only that event's aggregate is dead-lettered.
 * <p>
 * A projection normally handles a batch of events in one transaction and writes them at commit
 * ({@link BatchWrites}). When a batch fails, the processor rolls it back and tries again; this time, until a batch
 * of that segment commits, each event is handled in a savepoint of its own and written at once. An event that fails
 * then is rolled back to its savepoint, alone, and handed to the dead-letter queue, while the transaction (still
 * usable: PostgreSQL aborts a transaction on any error, a savepoint undoes that) goes on with the next event.
 * Outside that mode a failing event fails the whole batch, so nothing a failed handler half-wrote is ever committed.
 * <p>
 * A failure of the read-model database itself (a constraint, a trigger, a lost connection) is not isolated: it is no
 * fault of the event. Such a batch fails and is retried with back-off, visible in the admin status, until the cause
 * is fixed; nothing is skipped. Failures of the projection's own logic (an event it refuses, a bug) are parked.
 */
@Component
public class PoisonEventIsolation {

    private final DataSource dataSource;
    private final Set<String> isolating = ConcurrentHashMap.newKeySet();

    PoisonEventIsolation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Handles one event of the given processing group, in a savepoint of its own when isolating. */
    public Object handle(String processingGroup, InterceptorChain chain) throws Exception {
        String segment = segmentKey(processingGroup);
        if (segment != null && !isolating.contains(segment)) {
            try {
                return chain.proceed();
            } catch (Exception e) {
                isolating.add(segment);
                CurrentUnitOfWork.get().onPrepareCommit(u -> {
                    throw new IllegalStateException("an event of this batch failed (" + e.getMessage()
                            + "); the batch is handled again one event at a time", e);
                });
                throw e;
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = chain.proceed();
            BatchWrites.writeAll();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception e) {
            connection.rollback(savepoint);
            BatchWrites.forgetAll();
            if (e instanceof DataAccessException) {
                // The database failed, not the event: fail the batch with the real cause, so the processor
                // retries it (with back-off) and the admin status shows why, instead of parking the event.
                CurrentUnitOfWork.get().onPrepareCommit(u -> {
                    throw new IllegalStateException(e.getMessage(), e);
                });
            }
            throw e;
        }
    }

    /** A batch of the segment failed, in a handler or at commit: its retry handles one event at a time. */
    void failed(String processingGroup, int segment) {
        isolating.add(processingGroup + "/" + segment);
    }

    /** A batch of the segment committed: back to writing whole batches at commit. */
    void committed(String processingGroup, int segment) {
        isolating.remove(processingGroup + "/" + segment);
    }

    /**
     * The segment of the batch being handled, or {@code null} outside a processor's batch (a dead-letter retry),
     * which is always isolated.
     */
    private static String segmentKey(String processingGroup) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Integer segment = unitOfWork.getResource("Processor[" + processingGroup + "]/SegmentId");
        return segment == null ? null : processingGroup + "/" + segment;
    }
}

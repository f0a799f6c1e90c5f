package io.eventbank.query.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read-model writes of one processor batch: kept in memory while the batch's events are handled, then written
 * with a few set-based statements (one query to load the rows, JDBC batches to write them) just before the batch
 * commits, in its transaction and with its token.
 * <p>
 * A handler asks its writes for the rows it changes. The rows of every aggregate of the batch are loaded with one
 * query the first time one is needed, and later events of the batch see what earlier ones changed. When a batch is
 * handled one event at a time, in savepoints ({@link EventIsolation}), each event's writes are written at once and
 * forgotten with its savepoint if it fails.
 * <p>
 * A projection gets its batch's writes from a {@link Supplier} given to its constructor: {@link #inUnitOfWork} in
 * the service, a fixed instance in a unit test.
 */
public abstract class BatchWrites {

    protected final JdbcTemplate jdbc;
    private final List<? extends Message<?>> batch;
    private final Set<UUID> lookedUp = new HashSet<>();

    protected BatchWrites(JdbcTemplate jdbc, List<? extends Message<?>> batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Loads the rows of these aggregates into the rows held; an aggregate without a row stays absent. */
    protected abstract void load(Set<UUID> ids);

    /** Writes what is pending; afterwards the rows held are as the database has them. */
    protected abstract void write();

    /** Forgets pending writes and the rows held. */
    protected abstract void forgetRows();

    /**
     * Makes sure the row of the aggregate has been looked for: the first time any is, together with the rows of
     * every aggregate of the batch, in one query.
     */
    protected final void lookUp(UUID id) {
        if (lookedUp.contains(id)) {
            return;
        }
        Set<UUID> ids = lookedUp.isEmpty() ? aggregateIds() : new HashSet<>();
        ids.add(id);
        ids.removeAll(lookedUp);
        load(ids);
        lookedUp.addAll(ids);
    }

    /** Forgets pending writes and the rows held, after the database undid them (a rollback to a savepoint). */
    private void forget() {
        lookedUp.clear();
        forgetRows();
    }

    /**
     * The writes of the given kind in the unit of work being handled, created on first use and written before that
     * unit of work commits.
     */
    public static <W extends BatchWrites> Supplier<W> inUnitOfWork(Class<W> kind,
                                                                   Function<List<? extends Message<?>>, W> factory) {
        return () -> {
            UnitOfWork<?> current = CurrentUnitOfWork.get();
            UnitOfWork<?> unitOfWork = current.root();
            W writes = unitOfWork.getResource(kind.getName());
            if (writes == null) {
                writes = factory.apply(current instanceof BatchingUnitOfWork<?> batching ? batching.getMessages()
                        : current.getMessage() == null ? List.of() : List.of(current.getMessage()));
                unitOfWork.resources().put(kind.getName(), writes);
                BatchWrites created = writes;
                unitOfWork.onPrepareCommit(u -> created.write());
            }
            return writes;
        };
    }

    /** Writes every pending write of the current unit of work now. */
    static void writeAll() {
        all().forEach(BatchWrites::write);
    }

    /** Forgets every pending write and held row of the current unit of work. */
    static void forgetAll() {
        all().forEach(BatchWrites::forget);
    }

    private static List<BatchWrites> all() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        return CurrentUnitOfWork.get().root().resources().values().stream()
                .filter(BatchWrites.class::isInstance).map(BatchWrites.class::cast).toList();
    }

    /** The aggregates of the batch's events, in their order: the rows worth loading in one query. */
    private Set<UUID> aggregateIds() {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Message<?> message : batch) {
            if (message instanceof DomainEventMessage<?> event) {
                try {
                    ids.add(UUID.fromString(event.getAggregateIdentifier()));
                } catch (IllegalArgumentException notOurs) {
                    // not an aggregate of this system: nothing to load for it
                }
            }
        }
        return ids;
    }

    /** A {@code timestamptz} parameter. */
    protected static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column. */
    protected static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Binds the ids as a {@code uuid[]} parameter, for {@code = ANY(?)}. */
    protected static void setUuids(PreparedStatement statement, int index, Collection<UUID> ids) throws SQLException {
        Array array = statement.getConnection().createArrayOf("uuid", ids.toArray());
        statement.setArray(index, array);
    }
}

package io.eventbank.command.axon;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Axon's JDBC engine, whose append also answers the {@code global_index} it gave each event, for the command's
 * {@code Event-Position} ({@link AppendedPositions}): the insert returns the generated column
 * ({@code INSERT ... RETURNING global_index}, the same statement and round trip as Axon's own append). The rest of
 * the append is Axon's: the same columns and values, one batch in the unit of work's transaction, a clash on the
 * (aggregate, sequence) key resolved to a {@code ConcurrencyException}.
 */
final class PositionRecordingStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactions;
    private final AppendedPositions positions;

    PositionRecordingStorageEngine(Builder builder, TransactionManager transactions, AppendedPositions positions) {
        super(builder.transactionManager(transactions).appendEvents(PositionRecordingStorageEngine::appendReturning));
        this.transactions = transactions;
        this.positions = positions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement append = appendEvents(connection, events, serializer)) {
                append.executeBatch();
                long last = -1;
                try (ResultSet generated = append.getGeneratedKeys()) {
                    while (generated.next()) {
                        last = Math.max(last, generated.getLong(1));
                    }
                }
                if (last >= 0) {
                    positions.appended(last);
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /** Axon's append statement ({@code JdbcEventStorageEngineStatements.appendEvents}), returning the positions. */
    private static PreparedStatement appendReturning(Connection connection, EventSchema schema, Class<?> dataType,
                                                     List<? extends EventMessage<?>> events, Serializer serializer,
                                                     TimestampWriter timestamps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "VALUES (?,?,?,?,?,?,?,?,?)", new String[] {schema.globalIndexColumn()});
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domainEvent ? domainEvent
                        : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message,
                                message::getTimestamp);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                timestamps.writeTimestamp(statement, 5, event.getTimestamp());
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setObject(8, payload.getData());
                statement.setObject(9, metaData.getData());
                statement.addBatch();
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}

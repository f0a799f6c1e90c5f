package io.eventbank.command.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Axon's JDBC engine, which also reads the {@code global_index} its append gave the last event, for the command's
 * {@code Event-Position} ({@link AppendedPositions}). The append numbers its rows from the event table's sequence in
 * order, so the sequence's {@code currval} of the append's own session (its transaction's connection) is the last
 * event's position, whatever other sessions take meanwhile. One extra round trip per awaited command, in the same
 * transaction; none for commands nobody awaits.
 */
final class PositionRecordingStorageEngine extends JdbcEventStorageEngine {

    static final String POSITION_QUERY = "SELECT currval('domain_event_entry_global_index_seq')";

    private final ConnectionProvider connections;
    private final AppendedPositions positions;

    PositionRecordingStorageEngine(Builder builder, ConnectionProvider connections, AppendedPositions positions) {
        super(builder.connectionProvider(connections));
        this.connections = connections;
        this.positions = positions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        super.appendEvents(events, serializer);
        if (!events.isEmpty() && positions.awaitedHere()) {
            positions.appended(lastPosition());
        }
    }

    private long lastPosition() {
        // in a transaction, the connection is the transaction's, and closing it only hands it back
        try (Connection connection = connections.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(POSITION_QUERY)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the position of the appended events", e);
        }
    }
}

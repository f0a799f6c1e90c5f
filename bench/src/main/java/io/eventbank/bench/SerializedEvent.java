package io.eventbank.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.common.Money;
import io.eventbank.axon.AxonPostgresAutoConfiguration;
import org.axonframework.serialization.Revision;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One row of {@code domain_event_entry} exactly as the command service writes it: the event record serialized by
 * Axon's object mapper, its class name as payload type, the revision its {@code @Revision} names, the actor, its
 * role, the correlation and causation ids as metadata and an ISO-8601 UTC time stamp with three fraction digits.
 */
record SerializedEvent(String aggregateIdentifier, long sequenceNumber, String type, String eventIdentifier,
                       byte[] metaData, byte[] payload, String payloadRevision, String payloadType, String timeStamp) {

    private static final ObjectMapper MAPPER = AxonPostgresAutoConfiguration.axonObjectMapper();
    private static final DateTimeFormatter TIME_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    static SerializedEvent of(String aggregateType, String aggregateIdentifier, long sequenceNumber, Object event,
                              String causationId, String correlationId, Instant at) {
        Map<String, String> metaData = new LinkedHashMap<>();
        metaData.put("actor", "bench");
        metaData.put("actorRole", "admin");
        metaData.put("correlationId", correlationId);
        metaData.put("causationId", causationId);
        try {
            return new SerializedEvent(aggregateIdentifier, sequenceNumber, aggregateType, UUID.randomUUID().toString(),
                    MAPPER.writeValueAsBytes(metaData), MAPPER.writeValueAsBytes(event),
                    event.getClass().getAnnotation(Revision.class).value(),
                    event.getClass().getName(), TIME_STAMP.format(at));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deposit of 10.00 on an account, as one command would append it. */
    static SerializedEvent deposit(String accountId, long sequenceNumber) {
        String trace = UUID.randomUUID().toString();
        Money amount = Money.of("10.00");
        return of("Account", accountId, sequenceNumber, new MoneyDeposited(UUID.fromString(accountId), amount, amount),
                trace, trace, Instant.now());
    }

    static final String INSERT = "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
            + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The row as the parameters of {@link #INSERT}. */
    void bind(PreparedStatement insert) throws SQLException {
        insert.setString(1, aggregateIdentifier);
        insert.setLong(2, sequenceNumber);
        insert.setString(3, type);
        insert.setString(4, eventIdentifier);
        insert.setBytes(5, metaData);
        insert.setBytes(6, payload);
        insert.setString(7, payloadRevision);
        insert.setString(8, payloadType);
        insert.setString(9, timeStamp);
    }

    /** The row as a line of {@code COPY ... FROM STDIN (FORMAT csv)}, in the column order of {@link #COPY}. */
    String csv() {
        return aggregateIdentifier + ',' + sequenceNumber + ',' + type + ',' + eventIdentifier + ",\\x"
                + HEX.formatHex(metaData) + ",\\x" + HEX.formatHex(payload) + ',' + payloadRevision + ','
                + payloadType + ',' + timeStamp + '\n';
    }

    static final String COPY = "COPY domain_event_entry (aggregate_identifier, sequence_number, type, "
            + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
            + "FROM STDIN (FORMAT csv)";
}

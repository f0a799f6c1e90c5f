package io.eventbank.query.projection;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The processors' tokens as stored, whichever instance holds them. Read straight from the token table: fetching a
 * token through the token store would claim it.
 */
@Component
class Tokens {

    /** One segment's token: the position it has processed up to (0 before its first event), and its owner. */
    record Row(int segment, long position, String owner) {
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    Tokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    List<Row> of(String processor) {
        return jdbc.sql("SELECT segment, token, token_type, owner FROM token_entry WHERE processor_name = ? "
                        + "ORDER BY segment")
                .param(processor)
                .query((row, n) -> new Row(row.getInt("segment"),
                        position(row.getBytes("token"), row.getString("token_type")), row.getString("owner")))
                .list();
    }

    /** The lowest position over the segments: everything before it is in the read model; 0 without tokens. */
    static long position(List<Row> rows) {
        return rows.stream().mapToLong(Row::position).min().orElse(0);
    }

    private long position(byte[] data, String type) {
        if (data == null) {
            return 0;
        }
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
        return token == null ? 0 : token.position().orElse(0);
    }
}

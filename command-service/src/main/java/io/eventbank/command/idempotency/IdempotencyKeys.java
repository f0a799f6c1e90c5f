package io.eventbank.command.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The stored answers, in the event store's database. Every statement runs on the connection of the current Spring
 * transaction when there is one, which inside a command is the transaction that appends its events.
 */
@Component
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcClient jdbc;
    private final double ttlSeconds;

    IdempotencyKeys(JdbcClient jdbc, IdempotencySettings settings) {
        this.jdbc = jdbc;
        this.ttlSeconds = settings.ttl().toMillis() / 1000.0;
    }

    /**
     * Takes the key for the current transaction, or answers false while another transaction holds it. The claim
     * is a PostgreSQL advisory lock of the transaction, not a row: commit, rollback and a lost connection (a crashed
     * instance) all release it, so no claim outlives the attempt that took it.
     */
    boolean claim(String caller, String key) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(lockId(caller, key)).query(Boolean.class).single();
    }

    /** The answer stored for the caller's key, unless it is older than the TTL. */
    Optional<StoredAnswer> find(String caller, String key) {
        return jdbc.sql("""
                        SELECT request_hash, status, body, location, etag, event_position FROM idempotency_key
                        WHERE caller = ? AND idempotency_key = ? AND created_at > now() - make_interval(secs => ?)""")
                .params(caller, key, ttlSeconds)
                .query((rs, row) -> new StoredAnswer(rs.getBytes(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .optional();
    }

    /** Stores an answer; an expired answer of the same key is replaced, a live one never (the claim prevents it). */
    void save(String caller, String key, StoredAnswer answer) {
        int rows = jdbc.sql("""
                        INSERT INTO idempotency_key (caller, idempotency_key, request_hash, status, body, location, etag,
                                                     event_position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (caller, idempotency_key) DO UPDATE SET
                            request_hash = excluded.request_hash, status = excluded.status, body = excluded.body,
                            location = excluded.location, etag = excluded.etag,
                            event_position = excluded.event_position, created_at = excluded.created_at
                        WHERE idempotency_key.created_at <= now() - make_interval(secs => ?)""")
                .params(caller, key, answer.requestHash(), answer.status(), answer.body(), answer.location(),
                        answer.etag(), answer.eventPosition(), ttlSeconds)
                .update();
        if (rows != 1) {
            throw new IllegalStateException("an answer is already stored for Idempotency-Key '" + key + "'");
        }
    }

    /** Deletes the answers older than the TTL; a failure (the database away) is tried again next time. */
    @Scheduled(fixedDelayString = "${eventbank.idempotency.purge-interval}",
            initialDelayString = "${eventbank.idempotency.purge-interval}")
    void purgeExpired() {
        try {
            int purged = jdbc.sql("DELETE FROM idempotency_key WHERE created_at <= now() - make_interval(secs => ?)")
                    .param(ttlSeconds).update();
            if (purged > 0) {
                log.info("Deleted {} idempotency keys older than {} s", purged, ttlSeconds);
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete expired idempotency keys: {}", e.toString());
        }
    }

    private static long lockId(String caller, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(caller.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.eventbank.command;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store schema as Flyway leaves it: no large objects, a gap-free sequence, the concurrency key. */
class EventStoreSchemaIntegrationTest extends CommandServiceIntegrationTest {

    @Test
    void noColumnIsAnOidLargeObject() {
        assertThat(jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND (data_type = 'oid' OR udt_name IN ('oid', 'lo'))""", String.class))
                .isEmpty();
        assertThat(jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name IN ('payload', 'meta_data', 'token', 'serialized_saga',
                                                                  'diagnostics')
                  AND data_type <> 'bytea'""", String.class))
                .isEmpty();
    }

    @Test
    void globalIndexComesFromADedicatedSequenceWithIncrementOne() {
        assertThat(jdbc.queryForObject("SELECT increment_by FROM pg_sequences WHERE sequencename = "
                + "'domain_event_entry_global_index_seq'", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT column_default FROM information_schema.columns WHERE table_name = "
                + "'domain_event_entry' AND column_name = 'global_index'", String.class))
                .contains("domain_event_entry_global_index_seq");
    }

    @Test
    void aggregateAndSequenceAreUnique() {
        assertThat(jdbc.queryForObject("""
                SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conname = 'domain_event_entry_aggregate_sequence_key'""", String.class))
                .isEqualTo("UNIQUE (aggregate_identifier, sequence_number)");
    }

    @Test
    void appendTransactionsCannotStayOpenForLong() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("5s");
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class)).isEqualTo("5s");
    }

    @Test
    void eventsViewHasTheSeedColumns() {
        assertThat(jdbc.queryForList("""
                SELECT column_name || ':' || data_type FROM information_schema.columns
                WHERE table_name = 'events' ORDER BY ordinal_position""", String.class))
                .startsWith("id:uuid", "aggregate_id:uuid", "aggregate_type:character varying",
                        "event_type:text", "event_data:jsonb", "event_version:bigint",
                        "created_at:timestamp with time zone");
    }
}

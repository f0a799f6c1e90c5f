-- The event store read as the seed's "events" table: one row per event, its data as jsonb.
-- SELECT event_data->>'amount' FROM events WHERE aggregate_id = '...' ORDER BY event_version;
CREATE VIEW events AS
SELECT e.event_identifier::uuid                          AS id,
       e.aggregate_identifier::uuid                      AS aggregate_id,
       e.type                                            AS aggregate_type,
       regexp_replace(e.payload_type, '^.*[.$]', '')     AS event_type,
       convert_from(e.payload, 'UTF8')::jsonb            AS event_data,
       e.sequence_number                                 AS event_version,
       e.time_stamp::timestamptz                         AS created_at,
       e.global_index                                    AS global_index,
       e.payload_revision                                AS payload_revision
FROM domain_event_entry e;

-- The events view with who did it, from each event's metadata (payload_revision says the shape of its data):
-- SELECT event_type, actor, actor_role, correlation_id, payload_revision FROM events WHERE aggregate_id = '...';
-- New columns go last: CREATE OR REPLACE VIEW keeps the existing ones as they are.
CREATE OR REPLACE VIEW events AS
SELECT e.event_identifier::uuid                          AS id,
       e.aggregate_identifier::uuid                      AS aggregate_id,
       e.type                                            AS aggregate_type,
       regexp_replace(e.payload_type, '^.*[.$]', '')     AS event_type,
       convert_from(e.payload, 'UTF8')::jsonb            AS event_data,
       e.sequence_number                                 AS event_version,
       e.time_stamp::timestamptz                         AS created_at,
       e.global_index                                    AS global_index,
       e.payload_revision                                AS payload_revision,
       m.meta ->> 'actor'                                AS actor,
       m.meta ->> 'actorRole'                            AS actor_role,
       m.meta ->> 'onBehalfOf'                           AS on_behalf_of,
       m.meta ->> 'correlationId'                        AS correlation_id,
       m.meta ->> 'causationId'                          AS causation_id
FROM domain_event_entry e
     CROSS JOIN LATERAL (SELECT convert_from(e.meta_data, 'UTF8')::jsonb AS meta) m;

-- State as of an instant (GET /api/accounts/{id}?asOf=, GET /api/orders/{id}?asOf=, statements): the state after the
-- last event, by sequence number, whose time stamp is at or before the instant. The ledger already holds every
-- balance change of an account with its sequence number; these tables hold every status change, one row per event:
-- an account's opening and closing, and every event of an order (each sets its status). Both slots get them, and
-- the public views show the active slot's (see V10).

DO $$
DECLARE
    slot TEXT;
BEGIN
    FOREACH slot IN ARRAY ARRAY['blue', 'green'] LOOP
        EXECUTE format($sql$
            CREATE TABLE accounts_%1$s.account_status_change (
                account_id  UUID        NOT NULL,
                sequence    BIGINT      NOT NULL,
                status      VARCHAR(16) NOT NULL,
                occurred_at TIMESTAMPTZ NOT NULL,
                CONSTRAINT account_status_change_pkey PRIMARY KEY (account_id, sequence)
            );
            CREATE INDEX account_ledger_entry_as_of_idx
                ON accounts_%1$s.account_ledger_entry (account_id, occurred_at) INCLUDE (sequence);
            CREATE TABLE orders_%1$s.order_status_change (
                order_id         UUID        NOT NULL,
                sequence         BIGINT      NOT NULL,
                status           VARCHAR(16) NOT NULL,
                rejection_reason VARCHAR(32),
                occurred_at      TIMESTAMPTZ NOT NULL,
                CONSTRAINT order_status_change_pkey PRIMARY KEY (order_id, sequence)
            );
            -- what an existing read model can tell: an account's opening, and its closing (its last event); an
            -- order's placing and its current status (its last event, if not the placing)
            INSERT INTO accounts_%1$s.account_status_change (account_id, sequence, status, occurred_at)
                SELECT account_id, 0, 'OPEN', opened_at FROM accounts_%1$s.account_summary
                UNION ALL
                SELECT account_id, version, status, updated_at FROM accounts_%1$s.account_summary
                WHERE status = 'CLOSED' AND version > 0;
            $sql$, slot);
    END LOOP;
END
$$;

-- the public views of the active slots
DO $$
DECLARE
    generation RECORD;
BEGIN
    FOR generation IN SELECT projection, active_slot FROM projection_generation LOOP
        IF generation.projection = 'accounts' THEN
            EXECUTE format('CREATE VIEW public.account_status_change AS SELECT * FROM accounts_%s.account_status_change',
                           generation.active_slot);
        ELSIF generation.projection = 'orders' THEN
            EXECUTE format('CREATE VIEW public.order_status_change AS SELECT * FROM orders_%s.order_status_change',
                           generation.active_slot);
        END IF;
    END LOOP;
END
$$;

-- A read model that holds rows already lacks the status changes in between (an order's PAID before its SHIPPED):
-- its projection is rebuilt in its idle slot, as POST /api/admin/projections/{name}/replay would, and takes over
-- once it has caught up; until then as-of answers what the rows above tell. A replay already under way starts over,
-- as it has not written these tables so far.
DO $$
DECLARE
    generation RECORD;
    empty BOOLEAN;
    idle TEXT;
    schema_name TEXT;
    table_name TEXT;
BEGIN
    FOR generation IN SELECT projection, active_slot, building_slot FROM projection_generation LOOP
        IF generation.projection = 'accounts' THEN
            EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM accounts_%s.account_summary)', generation.active_slot)
                INTO STRICT empty;
        ELSE
            EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM orders_%s.order_summary)', generation.active_slot)
                INTO STRICT empty;
        END IF;
        CONTINUE WHEN empty;
        idle := COALESCE(generation.building_slot, CASE generation.active_slot WHEN 'blue' THEN 'green' ELSE 'blue' END);
        schema_name := generation.projection || '_' || idle;
        FOR table_name IN SELECT t.table_name FROM information_schema.tables t
                          WHERE t.table_schema = schema_name AND t.table_type = 'BASE TABLE' LOOP
            EXECUTE format('TRUNCATE %I.%I CASCADE', schema_name, table_name);
        END LOOP;
        DELETE FROM token_entry WHERE processor_name = generation.projection || '-' || idle;
        DELETE FROM dead_letter_entry WHERE processing_group = generation.projection || '-' || idle;
        DELETE FROM projection_error WHERE processor_name = generation.projection || '-' || idle;
        UPDATE projection_generation SET building_slot = idle, requested_at = now()
            WHERE projection = generation.projection;
    END LOOP;
END
$$;

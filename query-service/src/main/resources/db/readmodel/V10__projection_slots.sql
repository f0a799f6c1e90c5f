-- Blue/green projections: every projection keeps its read model in two slots, each a schema of its own
-- (<projection>_blue, <projection>_green) filled by a processor of its own (<projection>-blue, <projection>-green).
-- The tables of public are views of the active slot's tables: the queries read them, never a slot. A replay rebuilds
-- the idle slot beside the active one and switches the views once it has caught up (projection_generation).
-- A later change of a read-model table changes it in both slots, then recreates its public view (see
-- docs/operations.md).

CREATE SCHEMA accounts_blue;
CREATE SCHEMA accounts_green;
CREATE SCHEMA orders_blue;
CREATE SCHEMA orders_green;

-- today's tables, with their rows, indexes and constraints, become the blue slots
ALTER TABLE public.account_summary SET SCHEMA accounts_blue;
ALTER TABLE public.account_ledger_entry SET SCHEMA accounts_blue;
ALTER TABLE public.order_customer SET SCHEMA orders_blue;
ALTER TABLE public.order_summary SET SCHEMA orders_blue;
ALTER TABLE public.order_line SET SCHEMA orders_blue;

-- the green slots: empty copies (LIKE copies no foreign key)
CREATE TABLE accounts_green.account_summary (LIKE accounts_blue.account_summary INCLUDING ALL);
CREATE TABLE accounts_green.account_ledger_entry (LIKE accounts_blue.account_ledger_entry INCLUDING ALL);
CREATE TABLE orders_green.order_customer (LIKE orders_blue.order_customer INCLUDING ALL);
CREATE TABLE orders_green.order_summary (LIKE orders_blue.order_summary INCLUDING ALL);
CREATE TABLE orders_green.order_line (LIKE orders_blue.order_line INCLUDING ALL);
ALTER TABLE orders_green.order_line ADD CONSTRAINT order_line_order_fkey
    FOREIGN KEY (order_id) REFERENCES orders_green.order_summary (order_id);

-- what the queries read: the active slot, blue to begin with
CREATE VIEW public.account_summary AS SELECT * FROM accounts_blue.account_summary;
CREATE VIEW public.account_ledger_entry AS SELECT * FROM accounts_blue.account_ledger_entry;
CREATE VIEW public.order_customer AS SELECT * FROM orders_blue.order_customer;
CREATE VIEW public.order_summary AS SELECT * FROM orders_blue.order_summary;
CREATE VIEW public.order_line AS SELECT * FROM orders_blue.order_line;

-- the processors of the blue slots go on where today's processors are
UPDATE token_entry SET processor_name = processor_name || '-blue' WHERE processor_name IN ('accounts', 'orders');
UPDATE dead_letter_entry SET processing_group = processing_group || '-blue'
    WHERE processing_group IN ('accounts', 'orders');
UPDATE projection_error SET processor_name = processor_name || '-blue' WHERE processor_name IN ('accounts', 'orders');

-- Which slot every replica serves, and which one is being rebuilt (NULL: none). A replay sets building_slot; the
-- first replica to see the building slot caught up switches the views and active_slot in one transaction.
CREATE TABLE projection_generation (
    projection    VARCHAR(255) NOT NULL,
    active_slot   VARCHAR(16)  NOT NULL,
    building_slot VARCHAR(16),
    requested_at  TIMESTAMPTZ,
    switched_at   TIMESTAMPTZ,
    CONSTRAINT projection_generation_pkey PRIMARY KEY (projection),
    CONSTRAINT projection_generation_active_check CHECK (active_slot IN ('blue', 'green')),
    CONSTRAINT projection_generation_building_check
        CHECK (building_slot IS NULL OR building_slot IN ('blue', 'green') AND building_slot <> active_slot)
);
INSERT INTO projection_generation (projection, active_slot) VALUES ('accounts', 'blue'), ('orders', 'blue');

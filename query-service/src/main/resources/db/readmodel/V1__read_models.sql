-- The query service's database: the read models, the tokens of the processors that fill them (committed in the
-- same transaction as the read-model rows) and the failures those processors are retrying.
-- Every value in a read-model row comes from an event or its metadata, so a replay writes the same rows again.

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    CONSTRAINT token_entry_pkey PRIMARY KEY (processor_name, segment)
);

-- The last failure of a processor segment, kept until a batch of that segment commits.
CREATE TABLE projection_error (
    processor_name  VARCHAR(255)  NOT NULL,
    segment         INTEGER       NOT NULL,
    error_message   VARCHAR(1000) NOT NULL,
    event_type      VARCHAR(255),
    event_position  BIGINT,
    aggregate_id    VARCHAR(255),
    sequence_number BIGINT,
    attempts        INTEGER       NOT NULL,
    first_failed_at TIMESTAMPTZ   NOT NULL,
    last_failed_at  TIMESTAMPTZ   NOT NULL,
    CONSTRAINT projection_error_pkey PRIMARY KEY (processor_name, segment)
);

-- accounts processor
CREATE TABLE account_summary (
    account_id  UUID          NOT NULL,
    holder_name VARCHAR(255)  NOT NULL,
    balance     NUMERIC(19,2) NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    version     BIGINT        NOT NULL,
    opened_at   TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    CONSTRAINT account_summary_pkey PRIMARY KEY (account_id)
);
CREATE INDEX account_summary_opened_idx ON account_summary (opened_at, account_id);

CREATE TABLE account_ledger_entry (
    account_id    UUID          NOT NULL,
    sequence      BIGINT        NOT NULL,
    type          VARCHAR(16)   NOT NULL,
    amount        NUMERIC(19,2) NOT NULL,
    balance_after NUMERIC(19,2) NOT NULL,
    order_id      UUID,
    occurred_at   TIMESTAMPTZ   NOT NULL,
    CONSTRAINT account_ledger_entry_pkey PRIMARY KEY (account_id, sequence)
);

-- orders processor
CREATE TABLE order_customer (
    account_id  UUID         NOT NULL,
    holder_name VARCHAR(255),
    CONSTRAINT order_customer_pkey PRIMARY KEY (account_id)
);

CREATE TABLE order_summary (
    order_id         UUID          NOT NULL,
    account_id       UUID          NOT NULL,
    customer_name    VARCHAR(255),
    status           VARCHAR(16)   NOT NULL,
    rejection_reason VARCHAR(32),
    item_count       INTEGER       NOT NULL,
    total            NUMERIC(19,2) NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    CONSTRAINT order_summary_pkey PRIMARY KEY (order_id)
);
CREATE INDEX order_summary_created_idx ON order_summary (created_at DESC, order_id DESC);
CREATE INDEX order_summary_status_idx ON order_summary (status, created_at DESC, order_id DESC);
CREATE INDEX order_summary_account_idx ON order_summary (account_id, created_at DESC, order_id DESC);

CREATE TABLE order_line (
    order_id   UUID          NOT NULL,
    line_no    INTEGER       NOT NULL,
    product_id VARCHAR(255)  NOT NULL,
    quantity   INTEGER       NOT NULL,
    unit_price NUMERIC(19,2) NOT NULL,
    line_total NUMERIC(19,2) NOT NULL,
    CONSTRAINT order_line_pkey PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_line_order_fkey FOREIGN KEY (order_id) REFERENCES order_summary (order_id)
);

-- The answers of commands sent with an Idempotency-Key (API.md, "Retry-safe commands"): one row per caller and key,
-- written in the transaction that appends the command's events, so a row exists exactly when the events do.
-- Rows older than IDEMPOTENCY_KEY_TTL are deleted by the command service.
CREATE TABLE idempotency_key (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    -- SHA-256 of the method, the path and the body of the request that the answer belongs to
    request_hash    BYTEA        NOT NULL,
    status          SMALLINT     NOT NULL,
    body            TEXT         NOT NULL,
    location        TEXT,
    etag            VARCHAR(64),
    event_position  VARCHAR(32),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);

-- Who owns what, from AccountOpened and OrderPlaced: the subject of the customer who may read it, or NULL when no
-- customer owns it (accounts opened before owners existed, and their orders). Customers see only their own rows;
-- tellers and admins see every row. Who performed each ledger entry, from the actor in the event's metadata.
ALTER TABLE account_summary ADD COLUMN owner VARCHAR(255);
ALTER TABLE order_summary ADD COLUMN owner VARCHAR(255);
ALTER TABLE account_ledger_entry ADD COLUMN actor VARCHAR(255);

CREATE INDEX account_summary_owner_idx ON account_summary (owner, opened_at, account_id);
CREATE INDEX order_summary_owner_idx ON order_summary (owner, created_at DESC, order_id DESC);

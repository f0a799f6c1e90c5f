-- Every amount of the read models takes PostgreSQL's largest declared precision, 1000 digits, two of them decimals:
-- no sum of events can reach 10^998, and a value written with fewer decimals is still stored and shown with two.
-- A balance has no bound: deposits add up and a refund is never refused. The other amounts are bounded by the
-- commands that make them (README, "Bounds"), but an event stored before those bounds may carry more (an order line
-- of 1,000,000 x 1,000,000,000,000), and a replay must still project it. A wider precision at the same scale
-- rewrites no row.
ALTER TABLE account_summary
    ALTER COLUMN balance TYPE NUMERIC(1000,2);
ALTER TABLE account_ledger_entry
    ALTER COLUMN amount TYPE NUMERIC(1000,2),
    ALTER COLUMN balance_after TYPE NUMERIC(1000,2);
ALTER TABLE order_summary
    ALTER COLUMN total TYPE NUMERIC(1000,2);
ALTER TABLE order_line
    ALTER COLUMN unit_price TYPE NUMERIC(1000,2),
    ALTER COLUMN line_total TYPE NUMERIC(1000,2);

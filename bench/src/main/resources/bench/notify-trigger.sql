-- Measured, not used: a trigger that would wake readers of the event store at the commit of every append
-- (pg_notify, delivered at commit). PostgreSQL serializes the commits of all transactions that notify (one lock
-- on the notification queue, held through the commit's WAL flush), so concurrent appends lose group commit; the
-- ceiling workload runs with and without it to show the cost. See docs/performance.md.
CREATE FUNCTION notify_domain_event_entry_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('domain_event_entry', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT
EXECUTE FUNCTION notify_domain_event_entry_appended();

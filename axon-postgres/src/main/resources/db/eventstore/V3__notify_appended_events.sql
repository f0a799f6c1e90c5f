-- Wakes readers of the event store as soon as an append commits, instead of when they next poll: every statement
-- that inserts events sends one notification on the channel "domain_event_entry", delivered at commit (none on
-- rollback; several in one transaction arrive as one). Listening needs no privilege, so a SELECT-only role can.
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

-- The access audit is append-only: the database refuses changes and deletions, whoever asks.
CREATE FUNCTION access_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_event is append-only: % refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER access_event_no_change
  BEFORE UPDATE OR DELETE ON access_event
  FOR EACH ROW EXECUTE FUNCTION access_event_append_only();

-- TRUNCATE skips row triggers: refuse it with a statement trigger.
CREATE TRIGGER access_event_no_truncate
  BEFORE TRUNCATE ON access_event
  FOR EACH STATEMENT EXECUTE FUNCTION access_event_append_only();

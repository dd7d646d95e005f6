-- The access audit is append-only: the database refuses changes and deletions, whoever asks.
CREATE TRIGGER access_event_no_update BEFORE UPDATE ON access_event
BEGIN
  SELECT RAISE(ABORT, 'access_event is append-only: UPDATE refused');
END;

CREATE TRIGGER access_event_no_delete BEFORE DELETE ON access_event
BEGIN
  SELECT RAISE(ABORT, 'access_event is append-only: DELETE refused');
END;

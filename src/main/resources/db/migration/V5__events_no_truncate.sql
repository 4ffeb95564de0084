-- The log is append-only: TRUNCATE bypasses row triggers, so refuse it with a statement trigger too.
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

-- "+1" is now counted once per server-issued voter (supports.device_hash holds the voter's keyed hash, no
-- longer a client-chosen device id) and capped per source address and question; the source is stored only as
-- a keyed hash, never the address itself.
ALTER TABLE supports ADD COLUMN source_hash text;
CREATE INDEX supports_by_source ON supports (submission_id, source_hash, created_at);

-- when each outbox row was committed, so the relay can report how long an item waited before Redis had it
-- (danhoi_relay_delay_seconds), also for items swept up after an outage or by another node
ALTER TABLE submission_queue ADD COLUMN committed_at timestamptz NOT NULL DEFAULT now();

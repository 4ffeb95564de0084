-- Issue 18 (5): a recorded program airs after it is recorded, and citizens are told when to watch. The
-- episode's starts_at is when it is recorded (or the session or dialogue is held); broadcast_at is when it goes
-- on air, announced with the episode before any run-down exists (the run-down's own broadcast_at, V21, still
-- wins for the script once written). Null: not broadcast later (live, or an in-person meeting not aired).
ALTER TABLE episodes
  ADD COLUMN broadcast_at timestamptz,
  ADD CONSTRAINT episodes_broadcast_not_before_start CHECK (broadcast_at IS NULL OR broadcast_at >= starts_at);

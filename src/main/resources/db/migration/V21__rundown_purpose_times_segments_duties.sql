-- The run-down as the script responders receive ahead of the show (issue 17): why the program is made, when
-- it is recorded and when it goes on air (a recorded show airs later; null means the episode's start, as for
-- a live show), its segments in order with their minutes, and who does what to coordinate it.
ALTER TABLE rundowns
  ADD COLUMN purpose      text NOT NULL DEFAULT '',
  ADD COLUMN recording_at timestamptz,
  ADD COLUMN broadcast_at timestamptz,
  -- [{"title": "Mở đầu, giới thiệu khách mời", "minutes": 3}, …]
  ADD COLUMN segments     jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN duties       text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT rundowns_recorded_before_broadcast CHECK (recording_at IS NULL OR broadcast_at IS NULL
    OR recording_at <= broadcast_at);

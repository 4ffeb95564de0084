-- The editorial board's work on each item, and what the studio shows.

ALTER TABLE submissions
  ADD COLUMN edited_text   text,
  ADD COLUMN claimed_by    text,
  ADD COLUMN claimed_name  text,
  ADD COLUMN claimed_at    timestamptz,
  ADD COLUMN merged_into   uuid REFERENCES submissions (id),
  ADD COLUMN position      integer,
  ADD COLUMN responder     text,
  ADD COLUMN reject_reason text,
  ADD COLUMN on_air_at     timestamptz,
  ADD COLUMN answered_at   timestamptz,
  ADD COLUMN updated_at    timestamptz;

CREATE INDEX submissions_merged ON submissions (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX submissions_status ON submissions (episode_id, status);

ALTER TABLE episodes ADD COLUMN producer_message text;

-- how many people asked this question, merges included; kept with the row so every read is cheap
ALTER TABLE submissions ADD COLUMN asker_count integer NOT NULL DEFAULT 1;

-- one question on air per episode, even when two editors press "on air" at the same instant
CREATE UNIQUE INDEX submissions_one_on_air ON submissions (episode_id) WHERE status = 'on_air';

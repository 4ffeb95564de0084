-- The relay's outbox moves out of the submissions table. Marking an item queued there rewrote the whole
-- row and every one of its indexes (the trigram search index among them), because the unqueued index's
-- predicate reads queued_at: measured under load, those UPDATEs cost PostgreSQL nearly as much as the
-- inserts themselves (pg_stat_statements, docs/BENCHMARKS.md). This narrow table is written with the
-- submission (same statement, same commit) and marked in place.
CREATE TABLE submission_queue (
  submission_id uuid PRIMARY KEY,
  episode_id    uuid NOT NULL,
  seq           bigint NOT NULL,
  queued_at     timestamptz
);

CREATE INDEX submission_queue_unqueued ON submission_queue (seq) WHERE queued_at IS NULL;
CREATE INDEX submission_queue_episode ON submission_queue (episode_id, queued_at);

-- dialogue opinions were marked queued at once (they never go to the moderators' queue): they stay out
INSERT INTO submission_queue (submission_id, episode_id, seq, queued_at)
SELECT id, episode_id, seq, queued_at FROM submissions
WHERE episode_id IS NOT NULL AND NOT (channel = 'form' AND consent_basis = 'dialogue-meeting');

DROP INDEX submissions_unqueued;
ALTER TABLE submissions DROP COLUMN queued_at;

-- "the next position" in an episode's run-down read every row of the episode (57 ms at 90,000 rows)
CREATE INDEX submissions_position ON submissions (episode_id, position) WHERE position IS NOT NULL;

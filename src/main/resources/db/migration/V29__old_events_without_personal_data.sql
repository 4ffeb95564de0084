-- Events written before the log stopped holding personal data (commit ff106e0; a citizen's network address
-- since 1d7c7c6) are rewritten into the form the application writes now, so that erasure (Law 91/2025/QH15)
-- has no copy left in the one table it cannot reach. Each branch below names the action and the key its old
-- writer used, drops the text and adds the flag the new writer records. A row already in the new form
-- matches no branch and is not touched, so running this again, or on a database that never had old rows,
-- changes nothing and records nothing.
--
-- The append-only trigger (V1's events_no_update) is off only inside this migration's transaction: no other
-- session sees it off (the ALTER holds the table's lock until commit), and a failure anywhere rolls back the
-- rewrite and the DISABLE together. TRUNCATE stays refused (V5) throughout.
--
-- Keys are tested with "->" rather than the "?" operator, which JDBC would read as a parameter. Lengths are
-- in characters (Java's String.length counts an emoji as two).

ALTER TABLE events DISABLE TRIGGER events_no_update;

WITH old AS (
  SELECT id, action, before, after, address,
    -- the editors' wording, in the before of every moderation command: ModerationStore.audit
    CASE WHEN action LIKE 'item.%' AND before->'editedText' IS NOT NULL
      THEN (before - 'editedText') || jsonb_build_object('edited', before->>'editedText' IS NOT NULL,
        'editedLength', length(before->>'editedText'))
      ELSE before END AS new_before,
    CASE
      -- the identity check's note (an ID-card number, a phone, an address): RegisterStore.verify
      WHEN action IN ('submission.verified', 'submission.unverified') AND after->'note' IS NOT NULL
        THEN (after - 'note') || jsonb_build_object('noteGiven', after->>'note' IS NOT NULL)
      -- the editors' instruction to the agency: FollowupStore's assignment
      WHEN action = 'item.assigned' AND after->'instruction' IS NOT NULL
        THEN (after - 'instruction')
          || jsonb_build_object('instructionGiven', coalesce(after->>'instruction' ~ '\S', false))
      -- the editors' wording, in the after of every moderation command
      WHEN action LIKE 'item.%' AND after->'editedText' IS NOT NULL
        THEN (after - 'editedText') || jsonb_build_object('edited', after->>'editedText' IS NOT NULL,
          'editedLength', length(after->>'editedText'))
      -- the agency's answer text, and the name of the file it attached (now only whether there was one)
      WHEN action = 'assignment.answered'
          AND (after->'text' IS NOT NULL OR jsonb_typeof(after->'attachment') IN ('string', 'null'))
        THEN (after - 'text') || jsonb_build_object('attachment',
          coalesce(jsonb_typeof(after->'attachment') = 'string' OR after->>'attachment' = 'true', false))
      -- why an answer was sent back to the agency
      WHEN action = 'assignment.sent_back' AND after->'reason' IS NOT NULL
        THEN (after - 'reason') || jsonb_build_object('reasonGiven', after->>'reason' IS NOT NULL)
      -- the editors' review comment on an answer
      WHEN action IN ('answer.approved', 'answer.returned') AND after->'comment' IS NOT NULL
        THEN (after - 'comment') || jsonb_build_object('commentGiven', coalesce(after->>'comment' ~ '\S', false))
      -- a notice's recipient and subject; the notifications row keeps both, where erasure reaches them
      WHEN action LIKE 'notification.%' AND (after->'recipient' IS NOT NULL OR after->'subject' IS NOT NULL)
        THEN after - 'recipient' - 'subject'
      -- a run-down entry's wording, the asker's question: its length when edited, nothing when removed
      WHEN action = 'rundown.entry_edited' AND after->'text' IS NOT NULL
        THEN (after - 'text') || jsonb_build_object('textLength', length(after->>'text'))
      WHEN action = 'rundown.entry_removed' AND after->'text' IS NOT NULL
        THEN after - 'text'
      -- the answer given to a citizen in a dialogue room
      WHEN action = 'opinion.answered_in_room' AND after->'answer' IS NOT NULL
        THEN (after - 'answer') || jsonb_build_object('answerGiven', coalesce(after->>'answer' ~ '\S', false))
      -- the producer's note to the hosts
      WHEN action = 'studio.message' AND after->'message' IS NOT NULL
        THEN (after - 'message') || jsonb_build_object('length', coalesce(length(after->>'message'), 0))
      -- the register's search words (often a name or a number), inside the export's filter
      WHEN action = 'register.exported' AND after->'filter'->'q' IS NOT NULL
        THEN jsonb_set(after, '{filter}', ((after->'filter') - 'q')
          || jsonb_build_object('queryGiven', coalesce(after->'filter'->>'q' ~ '\S', false)))
      ELSE after END AS new_after,
    -- a citizen's network address on the question they sent (web, SMS gateway); staff addresses stay
    CASE WHEN action = 'submission.received' AND (actor LIKE 'public:%' OR actor = 'sms-gateway') THEN NULL
      ELSE address END AS new_address
  FROM events),
rewritten AS (
  UPDATE events e SET before = o.new_before, after = o.new_after, address = o.new_address
  FROM old o
  WHERE e.id = o.id AND (o.new_before, o.new_after, o.new_address) IS DISTINCT FROM (o.before, o.after, o.address)
  RETURNING e.action)
-- the rewrite is itself in the log: how many rows, of which actions (only when there was something to do)
INSERT INTO events (actor, action, entity_type, entity_id, after)
SELECT 'system:migration', 'privacy.events_rewritten', 'events', 'V29',
       jsonb_build_object('rows', sum(n), 'actions', jsonb_object_agg(action, n))
FROM (SELECT action, count(*) AS n FROM rewritten GROUP BY action) c
HAVING count(*) > 0;

ALTER TABLE events ENABLE TRIGGER events_no_update;

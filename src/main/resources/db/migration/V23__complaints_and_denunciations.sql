-- Issue 18 (1): a citizen's message is a question, a complaint (khiếu nại) or a denunciation (tố cáo). The rules
-- suggest a kind at intake on every channel; an editor confirms it. A confirmed complaint or denunciation leaves
-- the live queue (status 'referred') but stays in the register with its kind; it is never forwarded as a
-- question, never aired, never in a conclusion notice, and its asker gets one formal reply naming the citizen
-- reception office (Luật Tiếp công dân 2013). Named message_kind: episodes and agencies
-- have a kind of their own, and queries join them.
ALTER TABLE submissions
  ADD COLUMN message_kind text NOT NULL DEFAULT 'question'
    CHECK (message_kind IN ('question', 'complaint', 'denunciation')),
  -- null: stored before the rules existed
  ADD COLUMN suggested_kind text CHECK (suggested_kind IN ('question', 'complaint', 'denunciation')),
  ADD COLUMN kind_confirmed_by text,
  ADD COLUMN kind_confirmed_at timestamptz;

CREATE INDEX submissions_referred ON submissions (message_kind) WHERE message_kind <> 'question';

-- the formal reply is sent once per message, even when two editors (or two nodes) confirm it at once
CREATE UNIQUE INDEX notifications_complaint_reply_once ON notifications (submission_id)
  WHERE kind = 'complaint.reply';

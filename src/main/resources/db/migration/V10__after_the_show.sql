-- After the show (seeds 001, 003, 004): every question not answered on air is assigned to an agency with a
-- deadline in working days, answered in the agency portal, reviewed by the editors, published, and the
-- asker told; the conclusion notice and its items are followed up until closed.

-- working days an agency has to answer, and after how many more an overdue answer is escalated
ALTER TABLE programs
  ADD COLUMN answer_working_days     integer NOT NULL DEFAULT 15 CHECK (answer_working_days > 0),
  ADD COLUMN escalation_working_days integer NOT NULL DEFAULT 5 CHECK (escalation_working_days > 0);

-- One assignment of a question to an agency (agencies.name, as staff.agency and submissions.agency hold
-- it). A question sent back ("not our competence") or withdrawn keeps its row and gets a new assignment.
CREATE TABLE assignments (
  id            uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id),
  episode_id    uuid REFERENCES episodes (id),
  agency        text NOT NULL,
  instruction   text NOT NULL DEFAULT '',
  due_at        timestamptz NOT NULL,
  escalate_at   timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'assigned'
    CHECK (status IN ('assigned', 'answered', 'returned', 'sent_back', 'approved', 'withdrawn')),
  sent_back_reason text,
  assigned_by   text NOT NULL,
  assigned_at   timestamptz NOT NULL DEFAULT now(),
  notified_at   timestamptz,
  reminded_at   timestamptz,
  escalated_at  timestamptz,
  closed_at     timestamptz
);

-- at most one live assignment per question
CREATE UNIQUE INDEX assignments_live ON assignments (submission_id) WHERE status NOT IN ('sent_back', 'withdrawn');
CREATE INDEX assignments_agency ON assignments (lower(agency), status, due_at);
CREATE INDEX assignments_episode ON assignments (episode_id, status);

-- An agency's answer; the editors approve it (then it may be published) or return it with a comment.
CREATE TABLE answers (
  id             uuid PRIMARY KEY,
  assignment_id  uuid NOT NULL REFERENCES assignments (id),
  submission_id  uuid NOT NULL REFERENCES submissions (id),
  text           text NOT NULL,
  answered_by    text NOT NULL,
  answered_at    timestamptz NOT NULL DEFAULT now(),
  review         text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'approved', 'returned')),
  review_comment text,
  reviewed_by    text,
  reviewed_at    timestamptz,
  published_at   timestamptz,
  published_by   text
);

CREATE INDEX answers_submission ON answers (submission_id, answered_at);
CREATE INDEX answers_published ON answers (published_at) WHERE published_at IS NOT NULL;

-- a file an agency attached to its answer, kept like scans (random name under dataDir, type by content)
CREATE TABLE answer_attachments (
  id          uuid PRIMARY KEY,
  answer_id   uuid NOT NULL REFERENCES answers (id),
  file_name   text NOT NULL,
  media_type  text NOT NULL,
  size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
  stored_name text UNIQUE,
  sha256      text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- every message sent (or logged) to an agency or a citizen: notification, reminder, escalation, answer
CREATE TABLE notifications (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('email', 'sms', 'log')),
  recipient     text NOT NULL,
  subject       text NOT NULL DEFAULT '',
  body          text NOT NULL,
  submission_id uuid REFERENCES submissions (id),
  assignment_id uuid REFERENCES assignments (id),
  status        text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'failed')),
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notifications_assignment ON notifications (assignment_id, kind);

-- The conclusion notice (thông báo kết luận) of an episode, and the items followed up until closed.
CREATE TABLE conclusions (
  episode_id  uuid PRIMARY KEY REFERENCES episodes (id),
  number      integer NOT NULL,
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  title       text NOT NULL,
  body        text NOT NULL DEFAULT '',
  recipients  text[] NOT NULL DEFAULT '{}',
  signer_name text NOT NULL DEFAULT '',
  signer_title text NOT NULL DEFAULT '',
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  issued_at   timestamptz
);

CREATE TABLE conclusion_items (
  id           uuid PRIMARY KEY,
  episode_id   uuid NOT NULL REFERENCES conclusions (episode_id),
  position     integer NOT NULL,
  text         text NOT NULL,
  owner_agency text,
  due_at       timestamptz,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  progress     text NOT NULL DEFAULT '',
  closed_at    timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conclusion_items_open ON conclusion_items (status, due_at);

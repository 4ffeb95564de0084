-- Before the show (seed 001): a question is passed to the unit in charge within 3 working days, and the
-- run-down (kịch bản) goes to the responders at least 5 working days before the recording.

-- when and by whom a question was passed to the unit in charge (the after-show follow-up builds on it)
ALTER TABLE submissions
  ADD COLUMN forwarded_at timestamptz,
  ADD COLUMN forwarded_by text,
  ADD COLUMN forwarded_to text;

CREATE INDEX submissions_not_forwarded ON submissions (episode_id, received_at) WHERE forwarded_at IS NULL;

-- one run-down per episode; its number is the document's (Số: n/KB-…), counted per program and year
CREATE TABLE rundowns (
  episode_id uuid PRIMARY KEY REFERENCES episodes (id),
  number     integer NOT NULL,
  status     text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);

CREATE TABLE rundown_entries (
  id            uuid PRIMARY KEY,
  episode_id    uuid NOT NULL REFERENCES rundowns (episode_id),
  position      integer NOT NULL CHECK (position > 0),
  submission_id uuid REFERENCES submissions (id),
  text          text NOT NULL,
  askers        integer NOT NULL DEFAULT 1 CHECK (askers > 0),
  responder_id  uuid REFERENCES episode_people (id),
  minutes       integer NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  UNIQUE (episode_id, submission_id),
  -- a reorder rewrites every position in one transaction
  CONSTRAINT rundown_entries_position UNIQUE (episode_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- every e-mail of the run-down to a responder
CREATE TABLE rundown_sendings (
  id           uuid PRIMARY KEY,
  episode_id   uuid NOT NULL REFERENCES rundowns (episode_id),
  responder_id uuid REFERENCES episode_people (id),
  recipient    text NOT NULL,
  subject      text NOT NULL,
  entries      integer NOT NULL,
  message_id   text,
  sent_by      text NOT NULL,
  sent_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX rundown_sendings_episode ON rundown_sendings (episode_id, sent_at);

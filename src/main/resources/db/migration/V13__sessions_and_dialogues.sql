-- Accountability sessions (seed 002) and in-person dialogues (seed 004): episodes of kind 'accountability'
-- and 'dialogue'. Written questions and opinions are submissions (channel 'form'); what is assigned goes to
-- V10's assignments, what agencies commit to goes to V10's conclusion_items.

-- the agencies called to account at a session, on which subjects, and by when their written report is due
CREATE TABLE session_agencies (
  id            uuid PRIMARY KEY,
  episode_id    uuid NOT NULL REFERENCES episodes (id),
  agency        text NOT NULL,
  subjects      text NOT NULL,
  report_due_at timestamptz NOT NULL,
  reminded_at   timestamptz,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX session_agencies_one ON session_agencies (episode_id, lower(agency));

-- a written report an agency filed (kept like scans: random name under dataDir, type by content)
CREATE TABLE session_reports (
  id                uuid PRIMARY KEY,
  session_agency_id uuid NOT NULL REFERENCES session_agencies (id),
  episode_id        uuid NOT NULL REFERENCES episodes (id),
  file_name         text NOT NULL,
  media_type        text NOT NULL,
  size_bytes        bigint NOT NULL CHECK (size_bytes >= 0),
  stored_name       text NOT NULL UNIQUE,
  sha256            text NOT NULL,
  uploaded_by       text NOT NULL,
  uploaded_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX session_reports_agency ON session_reports (session_agency_id, uploaded_at);

-- delegates registered to speak, in the order the office set, with the minutes allotted
CREATE TABLE speakers (
  id            uuid PRIMARY KEY,
  episode_id    uuid NOT NULL REFERENCES episodes (id),
  position      integer NOT NULL,
  delegate_name text NOT NULL,
  room          text NOT NULL,
  subject       text NOT NULL,
  agency        text NOT NULL,
  minutes       integer NOT NULL CHECK (minutes BETWEEN 1 AND 60),
  status        text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'speaking', 'done')),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX speakers_episode ON speakers (episode_id, position);

-- what the chair's screen shows: the speaker now, the time they have used, the agency answering
CREATE TABLE chair_state (
  episode_id       uuid PRIMARY KEY REFERENCES episodes (id),
  speaker_id       uuid REFERENCES speakers (id),
  answering_agency text,
  -- the time runs from started_at when running; used_seconds is what was used before the last pause
  started_at       timestamptz,
  used_seconds     integer NOT NULL DEFAULT 0,
  running          boolean NOT NULL DEFAULT false,
  updated_by       text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- read-only links to the chair's screen for the district rooms (only the token's hash is kept)
CREATE TABLE chair_views (
  id         uuid PRIMARY KEY,
  episode_id uuid NOT NULL REFERENCES episodes (id),
  token_hash text NOT NULL UNIQUE,
  label      text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- an opinion at a dialogue (or a delegate's written question at a session): collected before or raised at
-- the meeting, and answered in the room (by whom) unless it was assigned to an agency
CREATE TABLE opinions (
  submission_id uuid PRIMARY KEY REFERENCES submissions (id),
  episode_id    uuid NOT NULL REFERENCES episodes (id),
  stage         text NOT NULL CHECK (stage IN ('before', 'meeting')),
  topic         text NOT NULL,
  commune       text NOT NULL DEFAULT '',
  answered_by   text,
  answer        text,
  answered_at   timestamptz,
  marked_by     text
);

CREATE INDEX opinions_episode ON opinions (episode_id, topic);

-- Before the show (seeds 000, 001, 003): what a program and an episode are beyond their intake window,
-- the agencies that answer, the fields (lĩnh vực) that route questions to them, and who sits on the panel.

ALTER TABLE programs
  ADD COLUMN organiser   text NOT NULL DEFAULT '',
  ADD COLUMN broadcaster text NOT NULL DEFAULT '',
  -- the issuing body printed on this program's documents (run-down, conclusion notice)
  ADD COLUMN issuing_body text NOT NULL DEFAULT '',
  ADD COLUMN place       text NOT NULL DEFAULT '',
  ADD COLUMN active      boolean NOT NULL DEFAULT true;

CREATE UNIQUE INDEX programs_name ON programs (lower(name));

ALTER TABLE episodes
  ADD COLUMN kind text NOT NULL DEFAULT 'live'
    CHECK (kind IN ('live', 'recorded', 'accountability', 'dialogue')),
  -- tv, radio, youtube, fanpage, website
  ADD COLUMN platforms      text[] NOT NULL DEFAULT '{}',
  ADD COLUMN venue          text NOT NULL DEFAULT '',
  ADD COLUMN chair          text NOT NULL DEFAULT '',
  ADD COLUMN hosts          text[] NOT NULL DEFAULT '{}',
  ADD COLUMN email_address  text,
  ADD COLUMN postal_address text,
  -- seed 000: the date by which delegates send their questions
  ADD COLUMN delegates_due_at timestamptz,
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now();

-- Agencies are named the way staff accounts and submissions already name them (staff.agency,
-- submissions.agency hold the name), so the name is the key those columns use.
CREATE TABLE agencies (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  short_name text NOT NULL DEFAULT '',
  -- department, district, utility, central, other
  kind       text NOT NULL DEFAULT 'department',
  emails     text[] NOT NULL DEFAULT '{}',
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX agencies_name ON agencies (lower(name));

-- keywords are stored folded (lower case, no accents) so they match folded question text
CREATE TABLE fields (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  keywords   text[] NOT NULL DEFAULT '{}',
  agency_id  uuid REFERENCES agencies (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX fields_name ON fields (lower(name));

-- who takes part: the panel of responders (agency heads), guests, hosts
CREATE TABLE episode_people (
  id          uuid PRIMARY KEY,
  episode_id  uuid NOT NULL REFERENCES episodes (id),
  role        text NOT NULL CHECK (role IN ('responder', 'guest', 'host', 'chair', 'delegate')),
  position    integer NOT NULL DEFAULT 0,
  person_name text NOT NULL,
  title       text NOT NULL DEFAULT '',
  agency_id   uuid REFERENCES agencies (id),
  email       text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX episode_people_episode ON episode_people (episode_id, role, position);

-- keyword suggestion made at intake, kept apart from what an editor decides (submissions.field/agency)
ALTER TABLE submissions
  ADD COLUMN suggested_field  text,
  ADD COLUMN suggested_agency text;

-- Issue 18: the phrases that make a citizen's message a complaint (khiếu nại) or a denunciation (tố cáo),
-- and those that keep it a question (asking how or where to lodge one). The office tunes them; one row.
-- The server seeds the row with its defaults (ComplaintRules.DEFAULTS) the first time it loads the rules,
-- so the defaults are written in one place.
CREATE TABLE intake_rules (
  id           smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  complaint    text[] NOT NULL DEFAULT '{}',
  denunciation text[] NOT NULL DEFAULT '{}',
  question     text[] NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- fields.keywords are stored from now on as typed, in lower case with their marks, so "diễn" is not taken
-- for "điện"; keywords stored folded before (V6) still match, folded.
COMMENT ON COLUMN fields.keywords IS 'lower case; with marks (compared with marks when the text has them) or folded';

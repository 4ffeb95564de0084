-- Accent-insensitive search and duplicate suggestions ("nuoc sach" finds "nước sạch"): the application
-- stores a folded copy of each question (lower case, no diacritics, đ as d) and pg_trgm indexes it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

ALTER TABLE submissions ADD COLUMN search_text text;
UPDATE submissions
   SET search_text = lower(unaccent(coalesce(edited_text, text) || ' ' || coalesce(asker_name, '') || ' '
                                    || coalesce(locality, '')));
CREATE INDEX submissions_search ON submissions USING gin (search_text gin_trgm_ops);

-- Viewers' "tôi cũng quan tâm" (+1) on questions shown publicly, once per device.
ALTER TABLE submissions ADD COLUMN supports integer NOT NULL DEFAULT 0;

CREATE TABLE supports (
  submission_id uuid NOT NULL REFERENCES submissions (id),
  device_hash   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (submission_id, device_hash)
);

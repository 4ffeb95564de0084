-- The question register (sổ tiếp nhận, seed 001): questions by e-mail and post and delegates' question
-- forms, their attachments, and the identity check an editor makes before a question goes on air.

ALTER TABLE submissions
  -- the e-mail's subject; the question itself is the body, as plain text
  ADD COLUMN subject       text,
  ADD COLUMN verified      boolean NOT NULL DEFAULT false,
  ADD COLUMN verified_how  text CHECK (verified_how IN ('phone_callback', 'id_card', 'delegate_known',
                                                        'email_reply', 'in_person', 'other')),
  ADD COLUMN verified_note text,
  ADD COLUMN verified_by   text,
  ADD COLUMN verified_at   timestamptz,
  ADD CHECK (NOT verified OR verified_how IS NOT NULL);

-- the register lists a period across episodes, in the order questions were received
CREATE INDEX submissions_received ON submissions (received_at, seq);

-- A scanned letter or form kept under dataDir (stored_name, a random name, never the sender's), or an
-- e-mail attachment that is only listed (stored_name NULL): nothing a citizen sent is executed or served raw.
CREATE TABLE submission_attachments (
  id            uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id),
  file_name     text NOT NULL,
  -- detected from the content for stored scans; as declared by the sender for listed e-mail parts
  media_type    text NOT NULL,
  size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
  stored_name   text UNIQUE,
  sha256        text,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX submission_attachments_submission ON submission_attachments (submission_id);

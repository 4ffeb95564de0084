-- The office's own wording of a message danhoi sends (issue 18): one row per edited template; a template
-- without a row is sent in its default wording (src/main/resources/messages/<key>.txt). Deleting the row is
-- the way back to the default.
CREATE TABLE message_templates (
  key        text        PRIMARY KEY,
  subject    text        NOT NULL,
  body       text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text        NOT NULL
);

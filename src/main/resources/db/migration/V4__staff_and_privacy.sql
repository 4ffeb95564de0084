-- Staff accounts and their browser sessions; personal-data controls (Law 91/2025/QH15, Decree 13/2023).

CREATE TABLE staff (
  id                  uuid PRIMARY KEY,
  username            text NOT NULL,
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  roles               text[] NOT NULL,
  agency              text,
  active              boolean NOT NULL DEFAULT true,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX staff_username ON staff (lower(username));

-- the session id itself is never stored, only its SHA-256
CREATE TABLE staff_sessions (
  id_hash      text PRIMARY KEY,
  staff_id     uuid NOT NULL REFERENCES staff (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  address      text
);

CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- agencies whose officers may see askers' contact data (masked otherwise)
CREATE TABLE agency_contact_grants (
  agency     text PRIMARY KEY,
  granted_by text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE submissions ADD COLUMN personal_erased_at timestamptz;
CREATE INDEX submissions_phone ON submissions (phone) WHERE phone IS NOT NULL;
CREATE INDEX submissions_email ON submissions (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX events_at ON events (at);

-- The system of record: programs, episodes, every submission from every channel, and an append-only log
-- of every change (who, what, when).

CREATE TABLE programs (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE episodes (
  id               uuid PRIMARY KEY,
  program_id       uuid REFERENCES programs (id),
  title            text NOT NULL,
  topic            text NOT NULL DEFAULT '',
  starts_at        timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
  status           text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  intake_opens_at  timestamptz NOT NULL,
  intake_closes_at timestamptz NOT NULL,
  sms_number       text,
  sms_keyword      text,
  hotline          text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (intake_closes_at > intake_opens_at)
);

CREATE INDEX episodes_intake ON episodes (intake_closes_at, intake_opens_at);

CREATE TABLE submissions (
  id              uuid PRIMARY KEY,
  -- arrival order, also the order the relay queues them in
  seq             bigserial NOT NULL UNIQUE,
  episode_id      uuid REFERENCES episodes (id),
  channel         text NOT NULL CHECK (channel IN ('web', 'sms', 'hotline', 'email', 'post', 'form')),
  asker_name      text,
  locality        text,
  phone           text,
  email           text,
  address         text,
  text            text NOT NULL,
  consent         boolean NOT NULL DEFAULT false,
  -- the legal basis for holding the contact data: the consent text version, or the channel itself
  consent_basis   text NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  field           text,
  agency          text,
  status          text NOT NULL DEFAULT 'received',
  external_id     text,
  sms_to          text,
  idempotency_key text,
  request_hash    text,
  client_address  text,
  ready_for_air   boolean NOT NULL DEFAULT false,
  callback_phone  text,
  notes           text,
  logged_by       text,
  queued_at       timestamptz
);

CREATE UNIQUE INDEX submissions_external ON submissions (channel, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX submissions_idempotency ON submissions (episode_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX submissions_episode ON submissions (episode_id, seq);
CREATE INDEX submissions_unqueued ON submissions (seq) WHERE queued_at IS NULL;
CREATE INDEX submissions_logged_by ON submissions (episode_id, logged_by, seq) WHERE logged_by IS NOT NULL;

CREATE TABLE events (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text NOT NULL,
  episode_id  uuid,
  before      jsonb,
  after       jsonb,
  address     text
);

CREATE INDEX events_entity ON events (entity_type, entity_id);
CREATE INDEX events_episode ON events (episode_id, id);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only';
END;
$$;

CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();

CREATE TABLE api_tokens (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  role       text NOT NULL CHECK (role IN ('admin', 'editor', 'operator', 'studio', 'agency')),
  token_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- The platforms a broadcast also goes out on (seed 003): YouTube and Facebook live chats read per episode,
-- and the council's Zalo Official Account, whose messages are submissions like SMS.

ALTER TABLE submissions DROP CONSTRAINT submissions_channel_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_channel_check
  CHECK (channel IN ('web', 'sms', 'hotline', 'email', 'post', 'form', 'youtube', 'facebook', 'zalo'));
-- the platform's own id of the writer (Zalo user id, YouTube channel id, Facebook user id): personal data,
-- erased with the contact data; on Zalo it is the only way to answer
ALTER TABLE submissions ADD COLUMN platform_user text;
-- the Zalo status's last message and messages per minute, read every few seconds
CREATE INDEX submissions_zalo_received ON submissions (received_at) WHERE channel = 'zalo';

ALTER TABLE notifications DROP CONSTRAINT notifications_channel_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_channel_check
  CHECK (channel IN ('email', 'sms', 'log', 'zalo'));

-- A live stream an episode reads comments from. One node at a time reads a stream: it claims the row for one
-- read (claimed_until), stores the page's comments and the cursor in one transaction and lets go, so any
-- node, after a restart, goes on from the cursor.
CREATE TABLE platform_streams (
  id              uuid PRIMARY KEY,
  episode_id      uuid NOT NULL REFERENCES episodes (id),
  platform        text NOT NULL CHECK (platform IN ('youtube', 'facebook')),
  -- the YouTube video id or the Facebook live video id
  source_id       text NOT NULL,
  label           text NOT NULL DEFAULT '',
  -- the API key or access token (Page token); admins set it, nothing ever reads it back out
  credential      text NOT NULL,
  -- YouTube's liveChatId, read once from the video
  chat_id         text,
  -- where reading goes on: YouTube's nextPageToken, the Graph API's after cursor
  cursor          text,
  state           text NOT NULL DEFAULT 'waiting'
                  CHECK (state IN ('waiting', 'connected', 'backoff', 'ended', 'failed', 'stopped')),
  next_read_at    timestamptz NOT NULL DEFAULT now(),
  claimed_by      text,
  claimed_until   timestamptz,
  failures        integer NOT NULL DEFAULT 0,
  last_read_at    timestamptz,
  last_message_at timestamptz,
  last_error      text,
  last_error_at   timestamptz,
  -- YouTube's quota units spent today (Pacific day) / the Graph API's app usage in percent
  quota_used      integer NOT NULL DEFAULT 0,
  quota_day       date,
  messages        bigint NOT NULL DEFAULT 0,
  ended_at        timestamptz,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (episode_id, platform, source_id)
);

CREATE INDEX platform_streams_due ON platform_streams (next_read_at) WHERE state NOT IN ('ended', 'failed', 'stopped');

-- Every comment read from a live chat, once (platform, external_id). The board's platform tab reads these;
-- an editor takes one into the main queue as a submission (submission_id).
CREATE TABLE live_comments (
  id            uuid PRIMARY KEY,
  seq           bigserial NOT NULL UNIQUE,
  stream_id     uuid NOT NULL REFERENCES platform_streams (id),
  episode_id    uuid NOT NULL REFERENCES episodes (id),
  platform      text NOT NULL,
  external_id   text NOT NULL,
  author_name   text,
  -- the platform's id of the author: personal data, erased with the author's comments
  author_id     text,
  text          text NOT NULL,
  published_at  timestamptz,
  received_at   timestamptz NOT NULL DEFAULT now(),
  question      boolean NOT NULL DEFAULT false,
  blocked       text CHECK (blocked IN ('profanity', 'spam')),
  repeat_key    text NOT NULL DEFAULT '',
  repeated      boolean NOT NULL DEFAULT false,
  submission_id uuid REFERENCES submissions (id),
  UNIQUE (platform, external_id)
);

CREATE INDEX live_comments_episode ON live_comments (episode_id, seq);
-- the platform status's messages per minute
CREATE INDEX live_comments_stream_recent ON live_comments (stream_id, received_at);
CREATE INDEX live_comments_repeat ON live_comments (episode_id, author_id, repeat_key);

-- The office's blocked words for live chats (profanity and spam), one row, seeded from the shipped list.
CREATE TABLE live_chat_rules (
  id         integer PRIMARY KEY CHECK (id = 1),
  blocked    text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

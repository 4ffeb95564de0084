-- Every question gets a receipt code the asker can read out, type on a phone and follow on the public page;
-- and every notice to a citizen (the receipt, the published answer, the reply to a complaint, the answer to a
-- follow-up SMS) waits in one queue here until it is sent, with its provider's delivery report.

-- 1. Receipt codes.
-- Eight characters from twenty: the digits 2-9 and the consonants C F H J K M N P R T V X. Nothing that reads
-- as another character (0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, 9/Q), and no vowel, D or W: with no vowel no
-- Vietnamese keyboard (Telex or VNI) turns a typed code into a word with marks, and no code spells a word.
-- A code is a keyed permutation of a sequence number (a four-round Feistel network over 36 bits, walking the
-- cycle until the value falls inside 20^8), so two submissions never get the same code and nobody can tell
-- the next code from the last one without the key, which is made here (from gen_random_uuid, a strong random
-- source) and never leaves the database. The round function is PostgreSQL's seeded 64-bit hash, not a
-- cipher: the code is a name, not a secret; the follow page also asks for the asker's phone or e-mail.
CREATE TABLE receipt_key (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  round_keys bigint[] NOT NULL CHECK (cardinality(round_keys) = 4)
);

INSERT INTO receipt_key (round_keys)
  SELECT array_agg(('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint) FROM generate_series(1, 4);

CREATE SEQUENCE receipt_seq AS bigint MINVALUE 0 START 0;

CREATE FUNCTION receipt_code(n bigint) RETURNS text LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
  alphabet CONSTANT text := 'CFHJKMNPRTVX23456789';
  codes CONSTANT bigint := 25600000000; -- 20^8
  half CONSTANT bigint := 262143;       -- 2^18 - 1
  keys bigint[];
  v bigint := n;
  l bigint;
  r bigint;
  t bigint;
  code text := '';
BEGIN
  IF n < 0 OR n >= codes THEN
    RAISE EXCEPTION 'receipt code % outside the code space', n;
  END IF;
  SELECT round_keys INTO keys FROM receipt_key;
  LOOP
    l := v >> 18;
    r := v & half;
    FOR i IN 1..4 LOOP
      t := r;
      r := l # (hashint8extended(r, keys[i]) & half);
      l := t;
    END LOOP;
    v := (l << 18) | r;
    EXIT WHEN v < codes;
  END LOOP;
  FOR i IN 1..8 LOOP
    code := substr(alphabet, (v % 20)::int + 1, 1) || code;
    v := v / 20;
  END LOOP;
  RETURN code;
END
$$;

ALTER TABLE submissions ADD COLUMN receipt_code text;
UPDATE submissions SET receipt_code = receipt_code(nextval('receipt_seq'));
ALTER TABLE submissions ALTER COLUMN receipt_code SET DEFAULT receipt_code(nextval('receipt_seq')),
  ALTER COLUMN receipt_code SET NOT NULL,
  ADD CONSTRAINT submissions_receipt_code_form CHECK (receipt_code ~ '^[CFHJKMNPRTVX2-9]{8}$');
CREATE UNIQUE INDEX submissions_receipt_code ON submissions (receipt_code);

-- 2. The notices' queue. A notice is queued, then sending (claimed by one node until claimed_until), then
-- sent (the provider took it), delivered or undelivered (its delivery report). "unconfirmed": the request
-- left and no answer came; it is never resent, so nobody is told twice. "limited": over the per-number daily
-- limit, not sent. "cancelled": the asker's personal data was erased before it went.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('queued', 'sending', 'sent',
  'unconfirmed', 'delivered', 'undelivered', 'failed', 'limited', 'cancelled'));
ALTER TABLE notifications
  ADD COLUMN provider        text,
  ADD COLUMN provider_id     text,
  ADD COLUMN attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN claimed_until   timestamptz,
  ADD COLUMN sent_at         timestamptz,
  ADD COLUMN reported_at     timestamptz,
  ADD COLUMN report_code     text,
  ADD COLUMN segments        integer CHECK (segments > 0),
  ADD COLUMN encoding        text CHECK (encoding IN ('GSM7', 'UCS2')),
  -- the SMS a reply answers (a lookup by keyword): a repeated delivery of it gets no second reply
  ADD COLUMN inbound_id      text;

UPDATE notifications SET sent_at = created_at WHERE status = 'sent';

CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'queued';
CREATE INDEX notifications_claimed ON notifications (claimed_until) WHERE status = 'sending';
CREATE INDEX notifications_provider_id ON notifications (provider, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX notifications_sms_day ON notifications (recipient, sent_at) WHERE channel = 'sms';
CREATE INDEX notifications_sent_day ON notifications (sent_at) WHERE channel = 'sms';
CREATE INDEX notifications_submission ON notifications (submission_id, kind);
CREATE UNIQUE INDEX notifications_inbound_once ON notifications (inbound_id) WHERE inbound_id IS NOT NULL;
-- one receipt per submission, whoever stores it and however often
CREATE UNIQUE INDEX notifications_receipt_once ON notifications (submission_id) WHERE kind = 'submission.receipt';

-- Dates taken from requests stay within 2000..2100 (issue 15). The API refuses others since this change, but
-- before it a year like +999999999 was stored as 'infinity', which no page could show afterwards. Rows
-- already out of range are brought back (an optional date cleared, a required one clamped), then CHECKs keep
-- every new row in range, whatever writes it. A day of slack each side allows for the council's time zone.

UPDATE episodes SET starts_at = LEAST(GREATEST(starts_at, '2000-01-01T00:00:00+07'), '2100-12-31T23:59:59+07')
  WHERE starts_at < '1999-12-31' OR starts_at >= '2101-01-02';
UPDATE episodes SET intake_opens_at = LEAST(GREATEST(intake_opens_at, '2000-01-01T00:00:00+07'),
    '2100-12-31T23:59:59+07')
  WHERE intake_opens_at < '1999-12-31' OR intake_opens_at >= '2101-01-02';
UPDATE episodes SET intake_closes_at = LEAST(GREATEST(intake_closes_at, '2000-01-01T00:00:00+07'),
    '2100-12-31T23:59:59+07')
  WHERE intake_closes_at < '1999-12-31' OR intake_closes_at >= '2101-01-02';
UPDATE episodes SET delegates_due_at = NULL
  WHERE delegates_due_at < '1999-12-31' OR delegates_due_at >= '2101-01-02';
UPDATE submissions SET sent_at = NULL WHERE sent_at < '1999-12-31' OR sent_at >= '2101-01-02';
UPDATE submissions SET received_at = LEAST(GREATEST(received_at, '2000-01-01T00:00:00+07'), '2100-12-31T23:59:59+07')
  WHERE received_at < '1999-12-31' OR received_at >= '2101-01-02';
UPDATE conclusion_items SET due_at = NULL WHERE due_at < '1999-12-31' OR due_at >= '2101-01-02';
UPDATE session_agencies SET report_due_at = LEAST(GREATEST(report_due_at, '2000-01-01T00:00:00+07'),
    '2100-12-31T23:59:59+07')
  WHERE report_due_at < '1999-12-31' OR report_due_at >= '2101-01-02';

ALTER TABLE episodes
  ADD CONSTRAINT episodes_starts_at_in_range CHECK (starts_at >= '1999-12-31' AND starts_at < '2101-01-02'),
  ADD CONSTRAINT episodes_intake_opens_at_in_range
    CHECK (intake_opens_at >= '1999-12-31' AND intake_opens_at < '2101-01-02'),
  ADD CONSTRAINT episodes_intake_closes_at_in_range
    CHECK (intake_closes_at >= '1999-12-31' AND intake_closes_at < '2101-01-02'),
  ADD CONSTRAINT episodes_delegates_due_at_in_range
    CHECK (delegates_due_at >= '1999-12-31' AND delegates_due_at < '2101-01-02');
ALTER TABLE submissions
  ADD CONSTRAINT submissions_received_at_in_range CHECK (received_at >= '1999-12-31' AND received_at < '2101-01-02'),
  ADD CONSTRAINT submissions_sent_at_in_range CHECK (sent_at >= '1999-12-31' AND sent_at < '2101-01-02');
ALTER TABLE conclusion_items
  ADD CONSTRAINT conclusion_items_due_at_in_range CHECK (due_at >= '1999-12-31' AND due_at < '2101-01-02');
ALTER TABLE session_agencies
  ADD CONSTRAINT session_agencies_report_due_at_in_range
    CHECK (report_due_at >= '1999-12-31' AND report_due_at < '2101-01-02');

-- The dates added after V19 get its bounds too: a run-down's recording and broadcast times (V21) and an
-- episode's broadcast time (V26). The API has refused years outside 2000..2100 since before these columns
-- existed, so no row needs repair and each CHECK is validated as it is added; from here on 'infinity' cannot be
-- stored by any path. The same day of slack each side as V19, for the council's time zone.

ALTER TABLE episodes
  ADD CONSTRAINT episodes_broadcast_at_in_range
    CHECK (broadcast_at >= '1999-12-31' AND broadcast_at < '2101-01-02');
ALTER TABLE rundowns
  ADD CONSTRAINT rundowns_recording_at_in_range
    CHECK (recording_at >= '1999-12-31' AND recording_at < '2101-01-02'),
  ADD CONSTRAINT rundowns_broadcast_at_in_range
    CHECK (broadcast_at >= '1999-12-31' AND broadcast_at < '2101-01-02');

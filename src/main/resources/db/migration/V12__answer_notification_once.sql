-- The citizen is told once per published answer: the notification names the answer it announces, and a
-- second publication (a retry, two editors at once) cannot record, and so cannot send, a second one.
ALTER TABLE notifications ADD COLUMN answer_id uuid REFERENCES answers (id);

CREATE UNIQUE INDEX notifications_answer_once ON notifications (answer_id, kind) WHERE answer_id IS NOT NULL;

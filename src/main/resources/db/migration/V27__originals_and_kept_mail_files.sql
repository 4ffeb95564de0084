-- Nothing a citizen sent is dropped (issue 18, point 6).
-- The text exactly as it arrived: an SMS before its routing keyword is taken off, an e-mail's whole plain-text
-- body before any trimming. NULL for channels whose stored text is already what was sent (web, hotline, letters
-- typed in by staff). An editor's wording goes to edited_text, so text and original_text are never overwritten.
ALTER TABLE submissions ADD COLUMN original_text text;

-- An e-mail attachment that was not kept (too big, a type not allowed by its content) is still listed, with why.
ALTER TABLE submission_attachments ADD COLUMN refused_reason text;

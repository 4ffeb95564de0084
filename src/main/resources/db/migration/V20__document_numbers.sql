-- The numbers of the documents the council office signs (Decree 30/2020/ND-CP, Appendix I: "Số: 01/TB-HĐND"):
-- one sequence per issuing body, document type and calendar year, taken with an upsert so two nodes never
-- give the same number. A document keeps the number it was given (conclusions.number, rundowns.number).
CREATE TABLE document_numbers (
  issuer text    NOT NULL,
  kind   text    NOT NULL,
  year   integer NOT NULL,
  last   integer NOT NULL CHECK (last > 0),
  PRIMARY KEY (issuer, kind, year)
);

-- the sequences carry on after the numbers already given (until now counted per program); the year as the
-- council office counts it, in Vietnam's time
INSERT INTO document_numbers (issuer, kind, year, last)
SELECT regexp_replace(btrim(coalesce(nullif(btrim(p.issuing_body), ''), 'Thường trực Hội đồng nhân dân')), '\s+', ' ', 'g'),
       'TB', extract(year FROM c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer, max(c.number)
  FROM conclusions c JOIN episodes e ON e.id = c.episode_id LEFT JOIN programs p ON p.id = e.program_id
 WHERE c.number > 0
 GROUP BY 1, 3
UNION ALL
SELECT regexp_replace(btrim(coalesce(nullif(btrim(p.issuing_body), ''), 'Ban Biên tập')), '\s+', ' ', 'g'),
       'KB', extract(year FROM r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer, max(r.number)
  FROM rundowns r JOIN episodes e ON e.id = r.episode_id LEFT JOIN programs p ON p.id = e.program_id
 WHERE r.number > 0
 GROUP BY 1, 3
ON CONFLICT (issuer, kind, year) DO UPDATE SET last = greatest(document_numbers.last, excluded.last);

-- the heading's parent body ("HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG" over "THƯỜNG TRỰC HĐND") and the issuer's
-- abbreviation in the number's symbol (HĐND, UBND…), derived from the issuing body's name when empty
ALTER TABLE programs
  ADD COLUMN parent_body         text NOT NULL DEFAULT '',
  ADD COLUMN issuer_abbreviation text NOT NULL DEFAULT '';

-- who signs, as the signature block prints it: the authority ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH"), the
-- signer's title and name; null authority means the default "TM." of the issuing body
ALTER TABLE conclusions
  ADD COLUMN signer_authority text;

ALTER TABLE rundowns
  ADD COLUMN signer_authority text,
  ADD COLUMN signer_title     text,
  ADD COLUMN signer_name      text;

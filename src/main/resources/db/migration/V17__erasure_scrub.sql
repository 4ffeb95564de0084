-- Erasure (Law 91/2025/QH15) keeps the question and removes the person. People type their name, number,
-- e-mail and address into the question itself, and staff copy them into instructions, answers and notices,
-- so the free text of an erased person's rows is scrubbed: each of their known identifiers (the name and
-- address as given, their numbers and e-mail) and anything shaped like a phone number or an e-mail address
-- (the patterns come from the application's one contact rule, privacy/ContactRedaction) becomes "(đã xoá)".
-- Numbered 16_5 so that a parallel V16 elsewhere does not collide.
CREATE FUNCTION scrub_person(t text, known text[], patterns text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k text;
  p text;
  out text := t;
BEGIN
  IF out IS NULL THEN
    RETURN NULL;
  END IF;
  FOREACH k IN ARRAY coalesce(known, '{}') LOOP
    -- shorter than 3 characters would erase ordinary words
    IF k IS NOT NULL AND length(btrim(k)) >= 3 THEN
      out := regexp_replace(out, regexp_replace(btrim(k), '([].[\\+*?^$(){}|=!<>:#-])', '\\\1', 'g'),
                            '(đã xoá)', 'gi');
    END IF;
  END LOOP;
  FOREACH p IN ARRAY coalesce(patterns, '{}') LOOP
    out := regexp_replace(out, p, '(đã xoá)', 'g');
  END LOOP;
  RETURN out;
END
$$;

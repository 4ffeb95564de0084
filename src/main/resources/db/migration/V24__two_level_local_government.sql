-- Since 1 July 2025 local government has two levels (Law on the Organisation of Local Government 2025):
-- provinces and centrally-run cities, and communes, wards and special zones. District committees are gone;
-- their work went to the commune-level committees, so an agency kept as 'district' is now commune-level.
-- Names are not touched: staff accounts and submissions use them as keys, and the office renames its agencies
-- through the catalogue, which carries a rename over.
UPDATE agencies SET kind = 'commune' WHERE kind = 'district';

ALTER TABLE agencies ADD CONSTRAINT agencies_kind
  CHECK (kind IN ('province_committee', 'department', 'commune', 'utility', 'central', 'other'));

-- Inspectors' accounts and records must be gone (or made monitors') before going down: the
-- narrower constraint is not checked against the rows already stored. The DROP COLUMNs come last
-- so that they change the schema version after the constraint's text (see up.sql).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, '''monitor'', ''inspector'', ''admin''', '''monitor'', ''admin''')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;

ALTER TABLE closure_checks DROP COLUMN oversight_body;
ALTER TABLE recommendations DROP COLUMN oversight_body;
ALTER TABLE findings DROP COLUMN oversight_body;

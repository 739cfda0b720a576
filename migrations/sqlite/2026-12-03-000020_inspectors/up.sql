-- The steering committees' inspectors (issue #13): a sixth role, and the body that made each
-- finding, recommendation and closure check — the Fatherland Front (a monitor's) or a steering
-- committee (an inspector's).

-- SQLite cannot alter a CHECK constraint. Rebuilding `users` would need foreign keys off, which
-- cannot be switched inside the migration's transaction, and would have to repeat every column
-- other migrations add; so the constraint's text is widened in place, as SQLite documents for
-- changes that leave every stored row valid (lang_altertable.html, "other kinds of table schema
-- changes"). The ALTER TABLEs below then change the schema version, so that every connection
-- reads the new schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, '''monitor'', ''admin''', '''monitor'', ''inspector'', ''admin''')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;

-- Until now only monitors made these records: the Front made every one there is.
ALTER TABLE findings ADD COLUMN oversight_body TEXT NOT NULL DEFAULT 'fatherland_front'
    CHECK (oversight_body IN ('fatherland_front', 'steering_committee'));
ALTER TABLE recommendations ADD COLUMN oversight_body TEXT NOT NULL DEFAULT 'fatherland_front'
    CHECK (oversight_body IN ('fatherland_front', 'steering_committee'));
ALTER TABLE closure_checks ADD COLUMN oversight_body TEXT NOT NULL DEFAULT 'fatherland_front'
    CHECK (oversight_body IN ('fatherland_front', 'steering_committee'));

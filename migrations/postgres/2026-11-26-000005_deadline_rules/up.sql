-- Statutory and local deadline rules as data: one current version per (kind, round); replaced
-- versions keep their valid_to, so the history of every change stays readable.
CREATE TABLE deadline_rules (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'feedback', 'proposal')),
    round TEXT NOT NULL CHECK (round IN ('first', 'second')),
    acceptance INTEGER NOT NULL,
    acceptance_unit TEXT NOT NULL CHECK (acceptance_unit IN ('days', 'working_days')),
    resolution INTEGER NOT NULL,
    resolution_complex INTEGER NOT NULL,
    resolution_remote INTEGER NOT NULL,
    resolution_remote_complex INTEGER NOT NULL,
    resolution_unit TEXT NOT NULL CHECK (resolution_unit IN ('days', 'working_days')),
    extension INTEGER,
    extension_unit TEXT CHECK (extension_unit IN ('days', 'working_days')),
    extensions_normal INTEGER NOT NULL,
    extensions_complex INTEGER NOT NULL,
    extensions_especially_complex INTEGER NOT NULL,
    source TEXT NOT NULL,
    valid_from TIMESTAMP NOT NULL,
    valid_to TIMESTAMP,
    changed_by TEXT REFERENCES users (id)
);
CREATE UNIQUE INDEX deadline_rules_current ON deadline_rules (kind, round) WHERE valid_to IS NULL;
CREATE INDEX deadline_rules_history ON deadline_rules (kind, round, valid_from);

-- Closure checks (issue #13): a monitor has pakn draw a random sample of an agency's petitions
-- resolved in a period, checks each answer against the facts, and records a verdict on it.

CREATE TABLE closure_checks (
    id TEXT PRIMARY KEY NOT NULL,
    monitor_id TEXT NOT NULL REFERENCES users (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    resolved_from DATE NOT NULL,
    resolved_to DATE NOT NULL,
    -- How many petitions the sample was drawn from.
    population INTEGER NOT NULL CHECK (population >= 0),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX closure_checks_agency ON closure_checks (agency_id, created_at);

-- One petition of a sample; its verdict is recorded once, never changed.
CREATE TABLE closure_check_items (
    check_id TEXT NOT NULL REFERENCES closure_checks (id),
    petition_id TEXT NOT NULL REFERENCES petitions (id),
    verdict TEXT CHECK (verdict IN ('matched', 'contested')),
    note TEXT,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    PRIMARY KEY (check_id, petition_id)
);
-- The statistics ask, per petition, whether any check has a verdict on it and whether one
-- contested it.
CREATE INDEX closure_check_items_decided ON closure_check_items (petition_id, verdict)
WHERE verdict IS NOT NULL;

-- The sample is drawn from an agency's petitions answered in the period.
CREATE INDEX petitions_agency_resolved ON petitions (assigned_agency_id, resolved_at)
WHERE resolved_at IS NOT NULL;

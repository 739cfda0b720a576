-- Petitions, the identities of their petitioners (kept apart, sealed when confidential), and the
-- idempotency keys that stop a retried request from filing twice.

-- Events on petitions carry who may see them (public timeline or internal) and a note in words.
ALTER TABLE events ADD COLUMN visibility TEXT NOT NULL DEFAULT 'internal';
ALTER TABLE events ADD COLUMN note TEXT;
-- The order of a subject's events, independent of clocks (two can share an instant).
ALTER TABLE events ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_subject_seq ON events (subject_type, subject_id, seq);

CREATE TABLE petitions (
    id TEXT PRIMARY KEY,
    tracking_code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'feedback', 'proposal')),
    category_code TEXT NOT NULL REFERENCES categories (code),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- Title and description folded to lower-case ASCII, for search that ignores diacritics.
    search_text TEXT NOT NULL,
    admin_unit_code TEXT NOT NULL,
    -- The unit and its ancestors at filing, root first ("46/19753/"), for monitors' scopes.
    admin_unit_path TEXT NOT NULL,
    address TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    related_project TEXT,
    decision_reference TEXT,
    decision_date DATE,
    confidential BOOLEAN NOT NULL,
    language TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    -- The citizen's account; NULL when anonymous, filed on behalf of someone without one, or kept offline.
    petitioner_id TEXT REFERENCES users (id),
    filed_by_id TEXT REFERENCES users (id),
    assigned_agency_id TEXT REFERENCES agencies (id),
    received_at TIMESTAMP NOT NULL,
    acceptance_due DATE,
    resolution_due DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Incremented by every change: the ETag, and the guard against lost updates.
    version INTEGER NOT NULL
);
CREATE INDEX petitions_petitioner ON petitions (petitioner_id, created_at, id);
CREATE INDEX petitions_agency ON petitions (assigned_agency_id, created_at, id);
CREATE INDEX petitions_unit_path ON petitions (admin_unit_path, created_at);
CREATE INDEX petitions_created ON petitions (created_at, id);

CREATE TABLE petitioner_identities (
    petition_id TEXT PRIMARY KEY REFERENCES petitions (id) ON DELETE CASCADE,
    -- plain: readable by those who handle it; sealed: encrypted; offline: only a register
    -- reference is online; anonymous: nobody is named.
    storage TEXT NOT NULL CHECK (storage IN ('plain', 'sealed', 'offline', 'anonymous')),
    pseudonym TEXT NOT NULL,
    full_name TEXT,
    email TEXT,
    phone TEXT,
    address TEXT,
    co_petitioners TEXT,
    sealed TEXT,
    offline_reference TEXT
);

CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);

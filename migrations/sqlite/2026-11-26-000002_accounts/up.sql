-- Accounts, sessions, one-time tokens, login throttling, the e-mail outbox and the event log.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- Stored lower-cased, so uniqueness ignores case.
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    phone TEXT,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'officer', 'head', 'monitor', 'admin')),
    agency_id TEXT REFERENCES agencies (id),
    scope_admin_unit_code TEXT,
    language TEXT NOT NULL CHECK (language IN ('vi', 'en')),
    -- PHC string (argon2id); NULL until an invited user sets a password.
    password_hash TEXT,
    email_verified_at TIMESTAMP,
    disabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX users_agency ON users (agency_id);
CREATE INDEX users_role ON users (role, email);

-- Who headed an agency when. One open term per agency: appointing a new head ends the former's.
CREATE TABLE head_terms (
    id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE UNIQUE INDEX head_terms_one_current_head ON head_terms (agency_id) WHERE ended_at IS NULL;
CREATE INDEX head_terms_user ON head_terms (user_id);

-- E-mailed single-use tokens; only their SHA-256 is stored.
CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'invitation', 'password_reset')),
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);

-- A login and the chain of refresh tokens rotated from it (a "family").
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_reason TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    -- Set when rotated; a rotated token presented again means it was stolen.
    used_at TIMESTAMP
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Failures counted per key ("account:<email>", "address:<ip>") within a window, shared by all processes.
CREATE TABLE throttles (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    window_started_at TIMESTAMP NOT NULL,
    blocked_until TIMESTAMP
);

-- E-mails written in the same transaction as the change that causes them, delivered by a worker.
CREATE TABLE outbox_emails (
    id TEXT PRIMARY KEY,
    to_address TEXT NOT NULL,
    to_name TEXT,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    -- A worker holds a message while it sends it; an expired lease lets another take over.
    lease_owner TEXT,
    lease_expires_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_emails_due ON outbox_emails (status, next_attempt_at);

-- Append-only: every change is an event (the audit chain of a later stage builds on it).
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor_id TEXT,
    kind TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX events_subject ON events (subject_type, subject_id, occurred_at);

-- Personal data as Law 91/2025/QH15 and Decree 356/2025/ND-CP require (issue #17).

-- The privacy notice, versioned: a version, once published, is never changed, because people were
-- shown it. The newest is the one shown.
CREATE TABLE privacy_notices (
    version INTEGER PRIMARY KEY NOT NULL,
    text_vi TEXT NOT NULL,
    text_en TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published_by TEXT REFERENCES users (id)
);

-- Which version a person was shown, and on which occasion: about an account (registration,
-- invitation acceptance) or about a petition (filing, signed in, anonymous or through Open311).
-- Never both, so that this table pairs no account with a petition.
CREATE TABLE privacy_notices_shown (
    id TEXT PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL REFERENCES privacy_notices (version),
    occasion TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    petition_id TEXT REFERENCES petitions (id),
    shown_at TIMESTAMP NOT NULL
);
CREATE INDEX privacy_notices_shown_user ON privacy_notices_shown (user_id);
CREATE INDEX privacy_notices_shown_petition ON privacy_notices_shown (petition_id);

-- Every read of a person's data by staff: whose petition or account, which record, by whom (with
-- their role and agency at the time), and why for an unsealing. Append-only.
CREATE TABLE personal_data_reads (
    id TEXT PRIMARY KEY NOT NULL,
    read_at TIMESTAMP NOT NULL,
    reader_id TEXT NOT NULL REFERENCES users (id),
    reader_role TEXT NOT NULL,
    reader_agency_id TEXT REFERENCES agencies (id),
    record TEXT NOT NULL,
    petition_id TEXT REFERENCES petitions (id),
    user_id TEXT REFERENCES users (id),
    attachment_id TEXT,
    reason TEXT
);
CREATE INDEX personal_data_reads_petition ON personal_data_reads (petition_id, read_at);
CREATE INDEX personal_data_reads_user ON personal_data_reads (user_id, read_at);
CREATE INDEX personal_data_reads_read_at ON personal_data_reads (read_at);

-- How long each kind of record is kept, and the law's clocks (a person's request, a breach
-- notification): an editable period with the article it comes from. `purged_through` is the
-- cutoff up to which the purge of petitioners has gone, so that each round reads only what ended
-- since (reset when the period changes).
CREATE TABLE data_protection_rules (
    rule TEXT PRIMARY KEY NOT NULL,
    amount INTEGER NOT NULL,
    unit TEXT NOT NULL,
    basis TEXT NOT NULL,
    changed_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    purged_through TIMESTAMP
);

-- A person's requests over their data (see, export, correct, erase), with the statutory clock. A
-- correction names its petition, holds the details asked for sealed like a confidential identity
-- (`details`), and is decided by the handling agency (`decided_by`).
CREATE TABLE data_requests (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    outcome TEXT,
    petition_id TEXT REFERENCES petitions (id),
    details TEXT,
    decided_by TEXT REFERENCES users (id)
);
CREATE INDEX data_requests_user ON data_requests (user_id, received_at);
CREATE INDEX data_requests_petition ON data_requests (petition_id, received_at);
CREATE INDEX data_requests_received ON data_requests (received_at);

-- What a person objects to among the processing the law does not require (Law 91/2025/QH15
-- Art. 4(1)(d)): e-mailed news of their petitions' handling, for one.
CREATE TABLE processing_objections (
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    objected_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, purpose)
);

-- A breach of personal data, as an administrator records it, and the people it touched: named
-- by account or by petition, so that a confidential petitioner is reached without being listed.
CREATE TABLE breach_incidents (
    id TEXT PRIMARY KEY NOT NULL,
    summary TEXT NOT NULL,
    occurred_at TIMESTAMP,
    discovered_at TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    authority_due_at TIMESTAMP NOT NULL,
    authority_notified_at TIMESTAMP,
    people_notified_at TIMESTAMP,
    notice TEXT
);
CREATE TABLE breach_affected (
    incident_id TEXT NOT NULL REFERENCES breach_incidents (id),
    position INTEGER NOT NULL,
    user_id TEXT REFERENCES users (id),
    petition_id TEXT REFERENCES petitions (id),
    PRIMARY KEY (incident_id, position)
);

-- An erased account keeps its row (petitions and events refer to it) but nothing personal.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;

-- The retention job finds what has expired by these.
CREATE INDEX petitions_closed_at ON petitions (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX petitions_ended_unclosed ON petitions (updated_at)
    WHERE status IN ('refused', 'withdrawn', 'merged');
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX one_time_tokens_expires ON one_time_tokens (expires_at);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);

-- Files that prove things (issue #13): an agency's proof that what feedback or a proposal asked
-- for was done, shown to the petitioner before they confirm or say "not fixed"; and the evidence
-- behind a monitor's finding or an agency's report of its remedy.

ALTER TABLE petition_attachments ADD COLUMN purpose TEXT NOT NULL DEFAULT 'evidence'
    CHECK (purpose IN ('evidence', 'proof_of_completion'));

-- A file on a finding (by the monitor who recorded it) or on a recommendation (the remedy's
-- evidence, by the head of the agency it is addressed to); never on both, never changed.
CREATE TABLE supervision_files (
    id TEXT PRIMARY KEY NOT NULL,
    finding_id TEXT REFERENCES findings (id),
    recommendation_id TEXT REFERENCES recommendations (id),
    content_hash TEXT NOT NULL,
    media_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL CHECK (byte_size >= 0),
    file_name TEXT NOT NULL,
    location_shared BOOLEAN NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    CHECK ((finding_id IS NULL) <> (recommendation_id IS NULL))
);
CREATE INDEX supervision_files_finding ON supervision_files (finding_id, created_at) WHERE finding_id IS NOT NULL;
CREATE INDEX supervision_files_recommendation ON supervision_files (recommendation_id, created_at)
WHERE recommendation_id IS NOT NULL;

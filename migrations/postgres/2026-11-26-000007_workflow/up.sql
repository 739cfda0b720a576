-- The handling workflow: what each step decided, the deadline now running (for queues and the
-- deadline sweep), and the messages between petitioners and agencies.

-- Complaints name the agency whose decision or act they are about; denunciations the agency of
-- the person denounced. Routing starts from these.
ALTER TABLE petitions ADD COLUMN respondent_agency_id TEXT REFERENCES agencies (id);
ALTER TABLE petitions ADD COLUMN denounced_agency_id TEXT REFERENCES agencies (id);
-- 'first', or 'second' for a second-time complaint, which names the first in appeal_of_id.
ALTER TABLE petitions ADD COLUMN round TEXT NOT NULL DEFAULT 'first';
ALTER TABLE petitions ADD COLUMN appeal_of_id TEXT REFERENCES petitions (id);
ALTER TABLE petitions ADD COLUMN merged_into_id TEXT REFERENCES petitions (id);
ALTER TABLE petitions ADD COLUMN assignee_id TEXT REFERENCES users (id);
-- Set on acceptance; they choose the resolution period.
ALTER TABLE petitions ADD COLUMN complexity TEXT;
ALTER TABLE petitions ADD COLUMN remote_area BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE petitions ADD COLUMN accepted_at TIMESTAMP;
ALTER TABLE petitions ADD COLUMN extensions_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN refusal_reason TEXT;
ALTER TABLE petitions ADD COLUMN refusal_explanation TEXT;
ALTER TABLE petitions ADD COLUMN competent_agency_id TEXT REFERENCES agencies (id);
-- The head's answer.
ALTER TABLE petitions ADD COLUMN answer TEXT;
ALTER TABLE petitions ADD COLUMN answer_decision_number TEXT;
ALTER TABLE petitions ADD COLUMN answer_decision_date DATE;
ALTER TABLE petitions ADD COLUMN resolved_at TIMESTAMP;
-- Days from receipt to resolution, kept so that averages are one SQL aggregate on both backends.
ALTER TABLE petitions ADD COLUMN days_to_resolve INTEGER;
ALTER TABLE petitions ADD COLUMN closed_at TIMESTAMP;
ALTER TABLE petitions ADD COLUMN rating TEXT;
ALTER TABLE petitions ADD COLUMN rating_comment TEXT;
-- The deadline now running (acceptance or resolution); NULL once none runs. Queues sort and
-- filter on it, so "overdue" and "due before" are index range scans.
ALTER TABLE petitions ADD COLUMN next_due DATE;
-- The day the deadline sweep next has work for this petition (a reminder, marking it overdue,
-- closing it after resolution); NULL when it has none. The sweep reads only rows that are due.
ALTER TABLE petitions ADD COLUMN next_sweep_on DATE;

UPDATE petitions SET next_due = acceptance_due, next_sweep_on = acceptance_due
    WHERE status IN ('received', 'transferred');

CREATE INDEX petitions_agency_due ON petitions (assigned_agency_id, next_due, id);
-- An agency's queue by status (and the dashboard's count by status) without reading the rows.
CREATE INDEX petitions_agency_status_due ON petitions (assigned_agency_id, status, next_due, id);
-- An agency's queue by unit subtree (a range over the path) and kind.
CREATE INDEX petitions_agency_unit ON petitions (assigned_agency_id, admin_unit_path, kind);
-- A reorganised unit's open petitions, to move them to its successor.
CREATE INDEX petitions_unit_status ON petitions (admin_unit_code, status);
-- The dashboard's average time to resolve, from the index alone.
CREATE INDEX petitions_agency_resolution ON petitions (assigned_agency_id, days_to_resolve);
CREATE INDEX petitions_assignee_due ON petitions (assignee_id, next_due, id);
CREATE INDEX petitions_due ON petitions (next_due, id);
CREATE INDEX petitions_sweep ON petitions (next_sweep_on) WHERE next_sweep_on IS NOT NULL;
CREATE INDEX petitions_merged_into ON petitions (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX petitions_appeal_of ON petitions (appeal_of_id) WHERE appeal_of_id IS NOT NULL;

CREATE TABLE petition_messages (
    id TEXT PRIMARY KEY,
    petition_id TEXT NOT NULL REFERENCES petitions (id) ON DELETE CASCADE,
    -- The order within the petition, independent of clocks.
    seq INTEGER NOT NULL,
    author_id TEXT REFERENCES users (id),
    -- 'petitioner' or 'agency'; a petitioner's name is never stored with the message.
    sender TEXT NOT NULL CHECK (sender IN ('petitioner', 'agency')),
    -- 'message', 'information_request', 'dialogue_record'.
    purpose TEXT NOT NULL,
    body TEXT NOT NULL,
    -- Staff notes: never shown to the petitioner or the public.
    internal BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (petition_id, seq)
);

-- Text search without reading every row: a trigram index over the folded title and description
-- answers LIKE '%word%' for words of three letters or more (pg_trgm ships with PostgreSQL and is
-- a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX petitions_search_trgm ON petitions USING gin (search_text gin_trgm_ops);

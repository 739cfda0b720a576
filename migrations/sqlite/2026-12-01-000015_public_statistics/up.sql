-- Public statistics, lists and open data (issue #13).

-- Whether an answer came by the resolution deadline then in force: decided once, at resolution,
-- because the deadline moves with extensions and suspensions. Existing answers: by the date in
-- Vietnam (UTC+7) against the deadline as it stands.
ALTER TABLE petitions ADD COLUMN resolved_on_time BOOLEAN;
UPDATE petitions SET resolved_on_time = (date(resolved_at, '+7 hours') <= resolution_due)
WHERE resolved_at IS NOT NULL AND resolution_due IS NOT NULL;

-- Figures are counted over the petitions received in a period.
CREATE INDEX petitions_received ON petitions (received_at);

-- "Still waiting for an answer, longest wait first": only open public petitions, oldest first.
-- SQLite uses a partial index only for a query that repeats its words: they match
-- `domain::reports::statistics::PUBLIC_PETITIONS_SQL` and the open statuses.
CREATE INDEX petitions_awaiting ON petitions (received_at, id)
WHERE petitions.status IN ('received', 'transferred', 'accepted', 'in_progress', 'suspended')
  AND petitions.kind <> 'denunciation' AND petitions.confidential = FALSE;

-- Whether a petition was ever reopened after an answer, per petition.
CREATE INDEX events_reopened ON events (subject_id) WHERE kind = 'petition.reopened';

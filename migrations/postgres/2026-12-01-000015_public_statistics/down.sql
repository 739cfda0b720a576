DROP INDEX events_reopened;
DROP INDEX petitions_awaiting;
DROP INDEX petitions_received;
ALTER TABLE petitions DROP COLUMN resolved_on_time;

DROP TABLE idempotency_keys;
DROP TABLE petitioner_identities;
DROP TABLE petitions;
DROP INDEX events_subject_seq;
ALTER TABLE events DROP COLUMN seq;
ALTER TABLE events DROP COLUMN note;
ALTER TABLE events DROP COLUMN visibility;

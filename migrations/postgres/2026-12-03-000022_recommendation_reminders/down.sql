ALTER TABLE recommendations DROP COLUMN reminded_at;

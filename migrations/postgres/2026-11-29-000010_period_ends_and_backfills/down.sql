ALTER TABLE petitions DROP COLUMN resolution_period_end;

ALTER TABLE petitions DROP COLUMN public_answer;
DROP TABLE calendar_years;

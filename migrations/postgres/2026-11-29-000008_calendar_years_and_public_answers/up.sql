-- Each year's holiday calendar and whether the government has announced it: a deadline that falls
-- in a provisional year is flagged, never silently counted as if that year had no holidays.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('announced', 'provisional')),
    -- The announcement (or, while provisional, the law the days were derived from).
    source TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- What the head marks for publication on the public page, when the answer itself may not be
-- published as it stands (personal data, a confidential petitioner, a denunciation's conclusion).
ALTER TABLE petitions ADD COLUMN public_answer TEXT;

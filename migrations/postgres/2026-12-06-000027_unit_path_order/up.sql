-- One unit's petitions, newest first, read straight off the index: a list filtered by a unit with
-- no units under it (every commune since the 2025 reorganisation) is one path, and with the id the
-- index gives the whole order (filing time, then id), so the first page stops after twenty rows
-- instead of sorting the unit's every petition. Same number of indexes: a filing pays one wider key.
DROP INDEX petitions_unit_path;
CREATE INDEX petitions_unit_path ON petitions (admin_unit_path, created_at, id);

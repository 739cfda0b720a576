DROP INDEX petitions_unit_path;
CREATE INDEX petitions_unit_path ON petitions (admin_unit_path, created_at);

-- The version of the reference data each pakn process keeps in memory for the public status page
-- (categories, administrative units, agencies, the holiday calendar, the deadline rules): every
-- change to those tables bumps it, in the change's own transaction, whoever makes it (the API, the
-- CLI, a shipped data set, an operator's SQL). A process that finds the number moved drops what it
-- kept, so a second process behind the load balancer serves an edit within a second.
CREATE TABLE reference_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (1, 1);

CREATE TRIGGER categories_insert_bumps_reference_version AFTER INSERT ON categories
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER categories_update_bumps_reference_version AFTER UPDATE ON categories
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER categories_delete_bumps_reference_version AFTER DELETE ON categories
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER admin_units_insert_bumps_reference_version AFTER INSERT ON admin_units
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER admin_units_update_bumps_reference_version AFTER UPDATE ON admin_units
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER admin_units_delete_bumps_reference_version AFTER DELETE ON admin_units
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER agencies_insert_bumps_reference_version AFTER INSERT ON agencies
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER agencies_update_bumps_reference_version AFTER UPDATE ON agencies
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER agencies_delete_bumps_reference_version AFTER DELETE ON agencies
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER calendar_days_insert_bumps_reference_version AFTER INSERT ON calendar_days
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER calendar_days_update_bumps_reference_version AFTER UPDATE ON calendar_days
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER calendar_days_delete_bumps_reference_version AFTER DELETE ON calendar_days
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER calendar_years_insert_bumps_reference_version AFTER INSERT ON calendar_years
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER calendar_years_update_bumps_reference_version AFTER UPDATE ON calendar_years
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER calendar_years_delete_bumps_reference_version AFTER DELETE ON calendar_years
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER deadline_rules_insert_bumps_reference_version AFTER INSERT ON deadline_rules
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER deadline_rules_update_bumps_reference_version AFTER UPDATE ON deadline_rules
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER deadline_rules_delete_bumps_reference_version AFTER DELETE ON deadline_rules
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

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

CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reference_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER categories_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

CREATE TRIGGER admin_units_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_units
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

CREATE TRIGGER agencies_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

CREATE TRIGGER calendar_days_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

CREATE TRIGGER calendar_years_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

CREATE TRIGGER deadline_rules_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deadline_rules
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

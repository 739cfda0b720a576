-- The routing rules join the reference data each process keeps in memory (000026): a filing reads
-- the rules in force from its process's copy, and every change to them, whoever makes it, moves
-- the version that copy is checked against.
CREATE TRIGGER routing_rules_bumps_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

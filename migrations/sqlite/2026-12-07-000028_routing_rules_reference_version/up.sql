-- The routing rules join the reference data each process keeps in memory (000026): a filing reads
-- the rules in force from its process's copy, and every change to them, whoever makes it, moves
-- the version that copy is checked against.
CREATE TRIGGER routing_rules_insert_bumps_reference_version AFTER INSERT ON routing_rules
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER routing_rules_update_bumps_reference_version AFTER UPDATE ON routing_rules
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER routing_rules_delete_bumps_reference_version AFTER DELETE ON routing_rules
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

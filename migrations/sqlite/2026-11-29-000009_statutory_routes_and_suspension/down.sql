ALTER TABLE deadline_rules DROP COLUMN forwarding_unit;
ALTER TABLE deadline_rules DROP COLUMN forwarding;
ALTER TABLE deadline_rules DROP COLUMN acceptance_extended_unit;
ALTER TABLE deadline_rules DROP COLUMN acceptance_extended;
ALTER TABLE petitions DROP COLUMN suspended_at;
ALTER TABLE petitions DROP COLUMN reached_agency_at;
ALTER TABLE petitions DROP COLUMN routing_basis;
ALTER TABLE petitions DROP COLUMN denounced_position;

DROP INDEX petitions_agency_resolved;
DROP TABLE closure_check_items;
DROP TABLE closure_checks;

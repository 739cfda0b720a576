DROP TABLE applied_seeds;
DROP TABLE calendar_days;
DROP TABLE categories;
DROP TABLE agencies;
DROP TABLE admin_unit_successors;
DROP TABLE admin_units;

-- The steering committees' inspectors (issue #13): a sixth role, and the body that made each
-- finding, recommendation and closure check — the Fatherland Front (a monitor's) or a steering
-- committee (an inspector's).

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('citizen', 'officer', 'head', 'monitor', 'inspector', 'admin'));

-- Until now only monitors made these records: the Front made every one there is. From now on
-- each insert names its body (no default).
ALTER TABLE findings ADD COLUMN oversight_body TEXT NOT NULL DEFAULT 'fatherland_front'
    CHECK (oversight_body IN ('fatherland_front', 'steering_committee'));
ALTER TABLE findings ALTER COLUMN oversight_body DROP DEFAULT;
ALTER TABLE recommendations ADD COLUMN oversight_body TEXT NOT NULL DEFAULT 'fatherland_front'
    CHECK (oversight_body IN ('fatherland_front', 'steering_committee'));
ALTER TABLE recommendations ALTER COLUMN oversight_body DROP DEFAULT;
ALTER TABLE closure_checks ADD COLUMN oversight_body TEXT NOT NULL DEFAULT 'fatherland_front'
    CHECK (oversight_body IN ('fatherland_front', 'steering_committee'));
ALTER TABLE closure_checks ALTER COLUMN oversight_body DROP DEFAULT;

-- Inspectors' accounts must be gone (or made monitors) before going down: the narrower
-- constraint refuses them.
ALTER TABLE closure_checks DROP COLUMN oversight_body;
ALTER TABLE recommendations DROP COLUMN oversight_body;
ALTER TABLE findings DROP COLUMN oversight_body;

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('citizen', 'officer', 'head', 'monitor', 'admin'));

-- Routing rules for feedback and proposals: (kind?, category, administrative unit subtree) → agency.
-- Effective-dated: ending a rule sets valid_to, so petitions keep the routing of their filing day.
CREATE TABLE routing_rules (
    id TEXT PRIMARY KEY,
    kind TEXT CHECK (kind IN ('feedback', 'proposal')),
    category_code TEXT NOT NULL REFERENCES categories (code),
    admin_unit_code TEXT NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX routing_rules_category ON routing_rules (category_code, valid_from);

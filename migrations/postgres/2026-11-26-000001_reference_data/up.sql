-- Reference data pakn routes on: administrative units, agencies, categories and the working-day calendar.
-- Portable schema (see DESIGN.md): text UUIDs, naive-UTC timestamps, enums as text.

-- Administrative units are effective-dated: Vietnam reorganised them in 2025 and codes can be reused,
-- so a unit is identified by its code *and* the date it became valid.
CREATE TABLE admin_units (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    unit_type TEXT NOT NULL,
    parent_code TEXT,
    valid_from DATE,
    valid_to DATE,
    source_note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);
CREATE UNIQUE INDEX admin_units_code_period ON admin_units (code, COALESCE(valid_from, DATE '0001-01-01'));
CREATE INDEX admin_units_parent ON admin_units (parent_code, code);
CREATE INDEX admin_units_level ON admin_units (level, code);

-- The unit(s) that took over a dissolved unit's territory; the reverse gives a unit's predecessors.
CREATE TABLE admin_unit_successors (
    unit_id TEXT NOT NULL REFERENCES admin_units (id) ON DELETE CASCADE,
    successor_code TEXT NOT NULL,
    PRIMARY KEY (unit_id, successor_code)
);
CREATE INDEX admin_unit_successors_successor ON admin_unit_successors (successor_code);

CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    kind TEXT NOT NULL,
    admin_unit_code TEXT NOT NULL,
    parent_id TEXT REFERENCES agencies (id),
    head_title TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    address TEXT,
    valid_from DATE,
    valid_to DATE,
    successor_id TEXT REFERENCES agencies (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);
CREATE INDEX agencies_admin_unit ON agencies (admin_unit_code, code);
CREATE INDEX agencies_parent ON agencies (parent_id);
CREATE INDEX agencies_kind ON agencies (kind, code);

CREATE TABLE categories (
    code TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_vi TEXT NOT NULL,
    description_en TEXT NOT NULL,
    -- The subjects plan 115/KH-UBND asks to resolve first: land, clearance, compensation, pollution.
    priority BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Days that differ from the Monday–Friday working week: holidays and days off are not working days,
-- make-up Saturdays are. Lunar dates move every year, so each year is data.
CREATE TABLE calendar_days (
    day DATE PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('public_holiday', 'compensatory_day_off', 'make_up_working_day')),
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Shipped data sets installed once each, so an administrator's later edits are never undone at restart.
CREATE TABLE applied_seeds (
    name TEXT PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
);

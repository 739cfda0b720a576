-- Citizen-reception days (issue #15): the heads' published schedule, the citizens who book a
-- slot, what each session came to, and the legal minimum of reception days per kind of agency,
-- effective-dated because Law 136/2025/QH15 changed the commune level's from 1 July 2026.

-- The minimum: `days` distinct days of reception by the head personally, per week or per month,
-- for the heads of one kind of agency, from `effective_from` to `effective_to` (inclusive; open
-- while in force). A new version ends the one before it.
CREATE TABLE reception_rules (
    id TEXT PRIMARY KEY NOT NULL,
    agency_kind TEXT NOT NULL,
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 31),
    per TEXT NOT NULL CHECK (per IN ('week', 'month')),
    basis TEXT NOT NULL,
    effective_from DATE NOT NULL,
    effective_to DATE,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX reception_rules_kind ON reception_rules (agency_kind, effective_from);

INSERT INTO reception_rules (id, agency_kind, days, per, basis, effective_from, effective_to, created_at) VALUES
('6f1c1b0e-0000-4000-8000-000000000001', 'commune_peoples_committee', 1, 'week',
 'Law on Citizen Reception 2013 (42/2013/QH13) Art. 15(2)(d): the chair of the commune-level People''s Committee receives citizens in person at least one day a week',
 '2014-07-01', '2026-06-30', '2026-12-04 00:00:00'),
('6f1c1b0e-0000-4000-8000-000000000002', 'commune_peoples_committee', 2, 'month',
 'Law 136/2025/QH15 (in force 1 July 2026), amending Art. 15 of the Law on Citizen Reception: the chair of the commune-level People''s Committee receives citizens in person periodically at least two days a month',
 '2026-07-01', NULL, '2026-12-04 00:00:00'),
('6f1c1b0e-0000-4000-8000-000000000003', 'district_peoples_committee', 2, 'month',
 'Law on Citizen Reception 2013 Art. 14: the chair of the district-level People''s Committee receives citizens at least two days a month (the district level was abolished on 1 July 2025; kept for the months before)',
 '2014-07-01', '2025-06-30', '2026-12-04 00:00:00'),
('6f1c1b0e-0000-4000-8000-000000000004', 'provincial_peoples_committee', 1, 'month',
 'Law on Citizen Reception 2013 Art. 13: the chair of the provincial People''s Committee receives citizens at least one day a month',
 '2014-07-01', NULL, '2026-12-04 00:00:00'),
('6f1c1b0e-0000-4000-8000-000000000005', 'department', 1, 'month',
 'Law on Citizen Reception 2013: heads of state administrative agencies receive citizens at least one day a month (article to confirm)',
 '2014-07-01', NULL, '2026-12-04 00:00:00'),
('6f1c1b0e-0000-4000-8000-000000000006', 'inspectorate', 1, 'month',
 'Law on Citizen Reception 2013: heads of state administrative agencies receive citizens at least one day a month (article to confirm)',
 '2014-07-01', NULL, '2026-12-04 00:00:00');

-- A session of the schedule. `receiver` says whether the head receives in person or an
-- authorised deputy does; only the head's sessions count towards the minimum.
CREATE TABLE reception_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    held_on DATE NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place TEXT NOT NULL,
    receiver TEXT NOT NULL CHECK (receiver IN ('head', 'deputy')),
    receiver_name TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'not_held', 'cancelled')),
    status_note TEXT,
    attended INTEGER CHECK (attended >= 0),
    summary TEXT,
    recorded_by TEXT REFERENCES users (id),
    recorded_at TIMESTAMP,
    scheduled_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX reception_sessions_agency ON reception_sessions (agency_id, held_on);
CREATE INDEX reception_sessions_day ON reception_sessions (held_on, starts_at);

-- A citizen's booked slot, with the subject of their visit: one per citizen and session.
CREATE TABLE reception_bookings (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES reception_sessions (id),
    citizen_id TEXT NOT NULL REFERENCES users (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    subject TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (session_id, citizen_id),
    UNIQUE (session_id, position)
);
CREATE INDEX reception_bookings_citizen ON reception_bookings (citizen_id, created_at);

-- The petitions received at a session (filed with the channel in_person), linked when the
-- session is recorded.
CREATE TABLE reception_session_petitions (
    session_id TEXT NOT NULL REFERENCES reception_sessions (id),
    petition_id TEXT NOT NULL REFERENCES petitions (id),
    PRIMARY KEY (session_id, petition_id),
    UNIQUE (petition_id)
);

-- The months already judged: the first sweep of a month claims the month before (this row is the
-- guard, so two processes judge it once), records an event for each head who fell short and
-- tells them.
CREATE TABLE reception_months_judged (
    month TEXT PRIMARY KEY NOT NULL,
    judged_at TIMESTAMP NOT NULL,
    short INTEGER NOT NULL
);

-- Supervision by the Fatherland Front (issue #13): findings, and recommendations tracked from
-- issue to remedy, with the respond-by period as an editable rule naming its basis.

CREATE TABLE supervision_rules (
    rule TEXT PRIMARY KEY NOT NULL,
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365),
    basis TEXT NOT NULL,
    changed_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO supervision_rules (rule, days, basis, updated_at) VALUES (
    'recommendation_response', 30,
    'Quyết định 217-QĐ/TW; Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN: cơ quan trả lời kiến nghị sau giám sát bằng văn bản (30 ngày thường được áp dụng; cần đối chiếu văn bản)',
    CURRENT_TIMESTAMP
);

-- What a monitor found: about one petition, one agency, or an agency over a period.
CREATE TABLE findings (
    id TEXT PRIMARY KEY NOT NULL,
    monitor_id TEXT NOT NULL REFERENCES users (id),
    petition_id TEXT REFERENCES petitions (id),
    agency_id TEXT REFERENCES agencies (id),
    period_from DATE,
    period_to DATE,
    severity TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (petition_id IS NOT NULL OR agency_id IS NOT NULL)
);
CREATE INDEX findings_petition ON findings (petition_id) WHERE petition_id IS NOT NULL;
CREATE INDEX findings_agency ON findings (agency_id, created_at);

-- A recommendation after supervision (kiến nghị sau giám sát), from issue to remedy.
CREATE TABLE recommendations (
    id TEXT PRIMARY KEY NOT NULL,
    monitor_id TEXT NOT NULL REFERENCES users (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    text TEXT NOT NULL,
    respond_by DATE NOT NULL,
    status TEXT NOT NULL,
    position TEXT,
    response TEXT,
    remedy_plan TEXT,
    responded_by TEXT REFERENCES users (id),
    responded_at TIMESTAMP,
    progress INTEGER NOT NULL DEFAULT 0,
    closing_note TEXT,
    closed_at TIMESTAMP,
    escalated_from_id TEXT REFERENCES recommendations (id),
    overdue_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX recommendations_agency ON recommendations (agency_id, created_at);
-- The sweep reads only those still awaiting an answer.
CREATE INDEX recommendations_awaiting ON recommendations (respond_by) WHERE status = 'awaiting_response';

CREATE TABLE recommendation_petitions (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    petition_id TEXT NOT NULL REFERENCES petitions (id),
    PRIMARY KEY (recommendation_id, petition_id)
);
CREATE TABLE recommendation_findings (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    finding_id TEXT NOT NULL REFERENCES findings (id),
    PRIMARY KEY (recommendation_id, finding_id)
);
-- The agency's reports of its remedy, in order.
CREATE TABLE recommendation_progress (
    id TEXT PRIMARY KEY NOT NULL,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note TEXT NOT NULL,
    reported_by TEXT NOT NULL REFERENCES users (id),
    reported_at TIMESTAMP NOT NULL
);
CREATE INDEX recommendation_progress_of ON recommendation_progress (recommendation_id, reported_at);

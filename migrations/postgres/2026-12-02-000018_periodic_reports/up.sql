-- The six-month and annual reports (issue #13): the days each period's figures are taken over,
-- editable by administrators, each naming its basis.

CREATE TABLE report_periods (
    period TEXT PRIMARY KEY NOT NULL CHECK (period IN ('half_year', 'year')),
    -- The first day: this month and day of the report's year, or of the year before.
    starts_month INTEGER NOT NULL CHECK (starts_month BETWEEN 1 AND 12),
    starts_day INTEGER NOT NULL CHECK (starts_day BETWEEN 1 AND 31),
    starts_previous_year BOOLEAN NOT NULL,
    -- The last day, in the report's year.
    ends_month INTEGER NOT NULL CHECK (ends_month BETWEEN 1 AND 12),
    ends_day INTEGER NOT NULL CHECK (ends_day BETWEEN 1 AND 31),
    basis TEXT NOT NULL,
    changed_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO report_periods VALUES (
    'half_year', 11, 15, TRUE, 5, 14,
    'Kế hoạch của tỉnh: báo cáo 6 tháng gửi Sở Nội vụ trước ngày 01/6, nên số liệu chốt từ 15/11 năm trước đến 14/5. Nghị định 09/2019/NĐ-CP, Điều 12 quy định kỳ chốt chung từ 15/12 năm trước đến 14/6; đối chiếu văn bản của tỉnh và sửa nếu khác.',
    NULL, CURRENT_TIMESTAMP
);
INSERT INTO report_periods VALUES (
    'year', 11, 15, TRUE, 10, 14,
    'Kế hoạch của tỉnh: báo cáo năm gửi Sở Nội vụ trước ngày 10/11, nên số liệu chốt từ 15/11 năm trước đến 14/10. Nghị định 09/2019/NĐ-CP, Điều 12 quy định kỳ chốt chung từ 15/12 năm trước đến 14/12; đối chiếu văn bản của tỉnh và sửa nếu khác.',
    NULL, CURRENT_TIMESTAMP
);

-- The report counts identities unsealed in the period (a count, never who), and the petitions
-- transferred and appealed: each read through the few events of its kind.
CREATE INDEX events_unsealed ON events (occurred_at) WHERE kind = 'petition.identity_unsealed';
CREATE INDEX events_transferred ON events (subject_id) WHERE kind = 'petition.transferred';
CREATE INDEX events_appealed ON events (subject_id) WHERE kind = 'petition.appealed';

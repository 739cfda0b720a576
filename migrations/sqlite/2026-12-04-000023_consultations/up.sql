-- Public consultation (issue #15, first half): an agency publishes a plan, project, land
-- compensation plan or policy draft for a comment window at least as long as the rule for its
-- kind; verified citizens comment and support comments; the agency hides abuse with a reason,
-- answers every comment, and publishes a synthesis. People subscribe to units to hear of new ones.

-- The minimum comment window per kind, and the days after closing by which the synthesis is due;
-- each names its basis, and administrators may change them.
CREATE TABLE consultation_rules (
    rule TEXT PRIMARY KEY NOT NULL,
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365),
    basis TEXT NOT NULL,
    changed_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO consultation_rules (rule, days, basis, updated_at) VALUES
(
    'land_compensation_plan', 30,
    'Luật Đất đai 2024, Điều 87 khoản 3 điểm a: phương án bồi thường, hỗ trợ, tái định cư được niêm yết công khai trong thời hạn 30 ngày tại trụ sở Ủy ban nhân dân cấp xã và điểm sinh hoạt chung của khu dân cư; ngay sau khi hết thời hạn niêm yết, tổ chức đối thoại trực tiếp với người có đất thu hồi (đã đối chiếu văn bản)',
    CURRENT_TIMESTAMP
),
(
    'development_plan', 30,
    'Nghị định 37/2019/NĐ-CP, Điều 29–32: dự thảo quy hoạch được đăng tải trên trang thông tin điện tử của cơ quan lập quy hoạch ít nhất 30 ngày (đã đối chiếu cho quy hoạch quốc gia, vùng, tỉnh)',
    CURRENT_TIMESTAMP
),
(
    'policy_draft', 20,
    'Luật Ban hành văn bản quy phạm pháp luật 2025: lấy ý kiến đối tượng chịu tác động của dự thảo (20 ngày; CHƯA đối chiếu văn bản, cần kiểm tra)',
    CURRENT_TIMESTAMP
),
(
    'project', 15,
    'Luật Thực hiện dân chủ ở cơ sở 2022: nhân dân bàn và cho ý kiến về dự án tại địa phương; luật không quy định thời hạn tối thiểu, 15 ngày là chính sách của địa phương',
    CURRENT_TIMESTAMP
),
(
    'synthesis_due', 30,
    'Chính sách của địa phương: cơ quan tổng hợp, giải trình, tiếp thu ý kiến và công bố trong 30 ngày sau khi hết thời hạn lấy ý kiến (không có quy định chung)',
    CURRENT_TIMESTAMP
);

-- One consultation. `state` is what was done (draft, published, concluded); whether it is open or
-- closed follows from the dates.
CREATE TABLE consultations (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'concluded')),
    published_at TIMESTAMP,
    synthesis TEXT,
    concluded_at TIMESTAMP,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (closes_on >= opens_on)
);
CREATE INDEX consultations_state ON consultations (state, published_at);

-- The administrative units a consultation concerns, with each unit's path (root first, as
-- petitions keep it) so that a unit's listing includes those of the units under it.
CREATE TABLE consultation_units (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    admin_unit_code TEXT NOT NULL,
    unit_path TEXT NOT NULL,
    PRIMARY KEY (consultation_id, admin_unit_code)
);
CREATE INDEX consultation_units_path ON consultation_units (unit_path);

-- The numbered sections of the document put to comment.
CREATE TABLE consultation_sections (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    heading TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (consultation_id, number)
);

-- Each extension of the window after publishing, with the notice shown on the public page.
CREATE TABLE consultation_extensions (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    previous_closes_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    notice TEXT NOT NULL,
    extended_by TEXT NOT NULL REFERENCES users (id),
    extended_at TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, closes_on)
);

-- The agency's answer to one comment or a group of similar ones.
CREATE TABLE consultation_answers (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    position TEXT NOT NULL CHECK (position IN ('accepted', 'partly_accepted', 'not_accepted')),
    explanation TEXT NOT NULL,
    answered_by TEXT NOT NULL REFERENCES users (id),
    answered_at TIMESTAMP NOT NULL
);

-- A citizen's comment, on the whole document or one section. Its text is never edited; a hidden
-- comment keeps its text and the reason it was hidden.
CREATE TABLE consultation_comments (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    section INTEGER,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_reason TEXT,
    hidden_by TEXT REFERENCES users (id),
    hidden_at TIMESTAMP,
    answer_id TEXT REFERENCES consultation_answers (id)
);
CREATE INDEX consultation_comments_of ON consultation_comments (consultation_id, created_at);

-- One support per citizen per comment.
CREATE TABLE consultation_supports (
    comment_id TEXT NOT NULL REFERENCES consultation_comments (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    supported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);

-- The units a person wants to hear of new consultations in (the unit or any unit under it).
CREATE TABLE consultation_subscriptions (
    user_id TEXT NOT NULL REFERENCES users (id),
    admin_unit_code TEXT NOT NULL,
    subscribed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, admin_unit_code)
);
CREATE INDEX consultation_subscriptions_unit ON consultation_subscriptions (admin_unit_code);

-- A direct dialogue meeting about a consultation (Land Law 2024 Art. 87(3)(a) requires one with
-- the people whose land is recovered, right after the posting), then its minutes.
CREATE TABLE consultation_meetings (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    held_at TIMESTAMP NOT NULL,
    place TEXT NOT NULL,
    agenda TEXT NOT NULL,
    scheduled_by TEXT NOT NULL REFERENCES users (id),
    scheduled_at TIMESTAMP NOT NULL,
    attendance INTEGER CHECK (attendance >= 0),
    minutes TEXT,
    minutes_by TEXT REFERENCES users (id),
    minutes_at TIMESTAMP
);
CREATE INDEX consultation_meetings_of ON consultation_meetings (consultation_id, held_at);

-- The documents of a consultation (the plan, maps, annexes), stored by content hash; never removed,
-- so a published consultation cannot lose one.
CREATE TABLE consultation_documents (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    content_hash TEXT NOT NULL,
    media_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL CHECK (byte_size >= 0),
    file_name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX consultation_documents_of ON consultation_documents (consultation_id, created_at);

-- Evidence files of petitions; the bytes live in the file store, named by content hash.
CREATE TABLE petition_attachments (
    id TEXT PRIMARY KEY,
    petition_id TEXT NOT NULL REFERENCES petitions (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    media_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    uploaded_by TEXT REFERENCES users (id),
    -- True only when the uploader chose to keep the photo's location.
    location_shared BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX petition_attachments_petition ON petition_attachments (petition_id, created_at);

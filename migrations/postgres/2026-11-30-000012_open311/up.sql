-- Open311 GeoReport v2 (issue #14): the keys Open311 clients file with, and what an Open311
-- client sent with a petition beyond pakn's own fields.

-- An administrator issues a key to a named client (an app, a city's 311 dashboard); only its
-- hash is kept. A revoked key files nothing more.
CREATE TABLE open311_keys (
    id TEXT PRIMARY KEY NOT NULL,
    client_name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_by_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

-- A petition filed through Open311: by which key (and so which client), and the link to its
-- media the client gave (`media_url`, kept as a link: pakn fetches nothing).
CREATE TABLE open311_requests (
    petition_id TEXT PRIMARY KEY NOT NULL REFERENCES petitions (id),
    key_id TEXT NOT NULL REFERENCES open311_keys (id),
    media_url TEXT
);
CREATE INDEX open311_requests_key ON open311_requests (key_id);

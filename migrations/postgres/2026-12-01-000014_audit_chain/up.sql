-- A history no one can quietly rewrite (issue #13): every event is sealed, in the order it was
-- queued, into a chain of SHA-256 hashes, and the chain's head is published as an anchor.

-- Events committed but not yet sealed: written in the transaction of the change, so that no event
-- escapes the chain, and taken by the sealer in `id` order. A change never waits for the chain.
CREATE TABLE audit_pending (
    id BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE REFERENCES events (id)
);
INSERT INTO audit_pending (event_id) SELECT id FROM events ORDER BY occurred_at, subject_id, seq;

-- The chain: entry n commits to its event (`digest`, SHA-256 of the event's canonical text) and to
-- entry n-1 (`hash` = SHA-256(hash of n-1 ‖ digest), both as bytes; before entry 1, 32 zero bytes).
CREATE TABLE audit_chain (
    position BIGINT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL UNIQUE REFERENCES events (id),
    digest TEXT NOT NULL,
    hash TEXT NOT NULL,
    sealed_at TIMESTAMP NOT NULL
);

-- Where the sealer stands: one row, locked while it seals, so that two processes never seal one
-- event twice. Only the sealer's bookkeeping: verification trusts the chain, not this.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    position BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, position, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The chain's head as published: once a day and on demand. Whoever kept one can later prove that
-- nothing before it was changed.
CREATE TABLE audit_anchors (
    position BIGINT PRIMARY KEY NOT NULL REFERENCES audit_chain (position),
    hash TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published_by TEXT REFERENCES users (id)
);
CREATE INDEX audit_anchors_published ON audit_anchors (published_at);

-- Monitors (and administrators) who receive each anchor by e-mail.
CREATE TABLE audit_anchor_subscribers (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    subscribed_at TIMESTAMP NOT NULL
);

-- Append-only: no UPDATE or DELETE of an event, a chain entry or an anchor, whoever asks.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();

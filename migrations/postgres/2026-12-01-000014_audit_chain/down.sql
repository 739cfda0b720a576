DROP TRIGGER audit_anchors_append_only ON audit_anchors;
DROP TRIGGER audit_chain_append_only ON audit_chain;
DROP TRIGGER events_append_only ON events;
DROP FUNCTION refuse_audit_rewrite();
DROP TABLE audit_anchor_subscribers;
DROP TABLE audit_anchors;
DROP TABLE audit_head;
DROP TABLE audit_chain;
DROP TABLE audit_pending;

-- Closing the holes of issue #11.

-- The outbox view must not pair a confidential petition's petitioner with their address: such
-- mail is marked when queued and its recipient is never shown. Mail queued before about a
-- petition (its subject then named the tracking code) is marked too, to be safe.
ALTER TABLE outbox_emails ADD COLUMN recipient_hidden BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE outbox_emails SET recipient_hidden = TRUE
    WHERE subject LIKE '%đơn %' OR subject LIKE '%etition%';
-- Sent mail keeps its recipient and subject only for a retention period; then they are erased.
ALTER TABLE outbox_emails ADD COLUMN erased_at TIMESTAMP;
CREATE INDEX outbox_emails_sent ON outbox_emails (status, sent_at) WHERE erased_at IS NULL;

-- Unsealing a denouncer's identity is a permission of its own, granted per officer by an
-- administrator (the reception officers of the handling agency), no longer every officer's.
ALTER TABLE users ADD COLUMN reception_officer BOOLEAN NOT NULL DEFAULT FALSE;

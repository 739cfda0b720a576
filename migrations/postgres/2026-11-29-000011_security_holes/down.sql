ALTER TABLE users DROP COLUMN reception_officer;
DROP INDEX outbox_emails_sent;
ALTER TABLE outbox_emails DROP COLUMN erased_at;
ALTER TABLE outbox_emails DROP COLUMN recipient_hidden;

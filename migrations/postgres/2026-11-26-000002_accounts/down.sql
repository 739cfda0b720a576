DROP TABLE events;
DROP TABLE outbox_emails;
DROP TABLE throttles;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE one_time_tokens;
DROP TABLE head_terms;
DROP TABLE users;

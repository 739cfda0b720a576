-- Recommendations are reminded before their respond-by day, like petitions before their deadline
-- (issue #13): once each, so two processes sweeping remind once.
ALTER TABLE recommendations ADD COLUMN reminded_at TIMESTAMP;

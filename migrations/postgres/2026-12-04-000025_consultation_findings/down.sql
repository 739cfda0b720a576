ALTER TABLE consultations DROP COLUMN synthesis_overdue_at;
DROP INDEX findings_consultation;
ALTER TABLE findings DROP COLUMN consultation_id;

-- Findings on a consultation (issue #15): monitors and inspectors in scope record what they found
-- about a public consultation, as they do about a petition, an agency or a period. The row keeps
-- the consultation's agency in `agency_id` too, so the agency's listing shows it and the check
-- that a finding is about something holds.
ALTER TABLE findings ADD COLUMN consultation_id TEXT REFERENCES consultations (id);
CREATE INDEX findings_consultation ON findings (consultation_id) WHERE consultation_id IS NOT NULL;

-- When the sweep found a consultation's synthesis overdue and told its agency: set once, by the
-- UPDATE that finds it still empty, so two processes sweeping at once tell the agency once.
ALTER TABLE consultations ADD COLUMN synthesis_overdue_at TIMESTAMP;

-- Issue #10: the law exactly. Denunciations are routed by the rank of the person denounced, the
-- route names its article, intake may be extended and what is not within competence forwarded
-- (Law on Denunciations 2018, Art. 24), and resolution may be suspended (Law on Complaints
-- Art. 11a as added by Law 136/2025/QH15; Law on Denunciations Art. 34).

-- Denunciations: 'staff', 'head_or_deputy' or 'agency' (the agency itself is denounced); NULL
-- for other kinds and for a denunciation about a breach in a field the state manages.
ALTER TABLE petitions ADD COLUMN denounced_position TEXT
    CHECK (denounced_position IN ('staff', 'head_or_deputy', 'agency'));
-- Why the petition went where it is: the article of law, the routing rule, or the transfer.
ALTER TABLE petitions ADD COLUMN routing_basis TEXT;
-- When the agency now handling the petition received it: intake and forwarding periods run
-- from here (a transfer starts them afresh). NULL in rows from before: read as received_at.
ALTER TABLE petitions ADD COLUMN reached_agency_at TIMESTAMP;
-- While resolution is suspended, since when; the days left resume from the day it resumes.
ALTER TABLE petitions ADD COLUMN suspended_at TIMESTAMP;

-- Intake extended when checks are needed at several places, and the period to forward a
-- petition that is not within the agency's competence.
ALTER TABLE deadline_rules ADD COLUMN acceptance_extended INTEGER;
ALTER TABLE deadline_rules ADD COLUMN acceptance_extended_unit TEXT
    CHECK (acceptance_extended_unit IN ('days', 'working_days'));
ALTER TABLE deadline_rules ADD COLUMN forwarding INTEGER;
ALTER TABLE deadline_rules ADD COLUMN forwarding_unit TEXT CHECK (forwarding_unit IN ('days', 'working_days'));

-- The shipped rules no administrator has replaced name each article they follow.
UPDATE deadline_rules SET acceptance_extended = 10, acceptance_extended_unit = 'working_days',
    forwarding = 5, forwarding_unit = 'working_days',
    source = 'Law on Denunciations 2018: intake within 7 working days, up to 10 when checks are needed at several places, Art. 24(1); forward what is not within competence within 5 working days and tell the denouncer, Art. 24(2); resolve within 30 days, Art. 30(1), extended once (complex) or twice (especially complex) by up to 30 days, Art. 30(2)-(3); time suspended not counted, Art. 34'
    WHERE kind = 'denunciation' AND valid_to IS NULL AND changed_by IS NULL;
UPDATE deadline_rules SET
    source = 'Law on Complaints 2011 as amended by Law 136/2025/QH15: accept within 10 days, Art. 27; resolve within 30 days (45 if complex), 45 (60) in remote areas, Art. 28; time suspended not counted, Art. 11a'
    WHERE kind = 'complaint' AND round = 'first' AND valid_to IS NULL AND changed_by IS NULL;
UPDATE deadline_rules SET
    source = 'Law on Complaints 2011 as amended by Law 136/2025/QH15: accept within 10 days, Art. 36; resolve within 45 days (60 if complex), 60 (70) in remote areas, Art. 37; time suspended not counted, Art. 11a'
    WHERE kind = 'complaint' AND round = 'second' AND valid_to IS NULL AND changed_by IS NULL;

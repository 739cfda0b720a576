-- The resolution period's own last day, before a day off moved the deadline to the next working
-- day (Civil Code Art. 148(5)): extensions add to it and a suspension keeps what was left of it,
-- so neither counts the days off twice. Rows from before: the deadline is the best knowledge.
ALTER TABLE petitions ADD COLUMN resolution_period_end DATE;
UPDATE petitions SET resolution_period_end = resolution_due WHERE resolution_due IS NOT NULL;

-- The agency now holding a petition received it on its last transfer, if it had one.
UPDATE petitions SET reached_agency_at = COALESCE(
    (SELECT MAX(events.occurred_at) FROM events
        WHERE events.subject_type = 'petition' AND events.subject_id = petitions.id
          AND events.kind = 'petition.transferred'),
    received_at)
    WHERE reached_agency_at IS NULL;

-- The denunciation periods of Art. 24 hold whoever last replaced the rule: a rule an
-- administrator replaced before they existed gets them too.
UPDATE deadline_rules SET acceptance_extended = 10, acceptance_extended_unit = 'working_days'
    WHERE kind = 'denunciation' AND valid_to IS NULL AND acceptance_extended IS NULL;
UPDATE deadline_rules SET forwarding = 5, forwarding_unit = 'working_days'
    WHERE kind = 'denunciation' AND valid_to IS NULL AND forwarding IS NULL;

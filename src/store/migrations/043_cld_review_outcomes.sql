-- Review Outcomes Achieved checked against Release 1 (issue 18,
-- domain/cld.c): the guidance's defined list is 'Fully Met', 'Partially
-- Met', 'Not Met' (NHS England / DHSC, CLD Guidance release 1, February
-- 2023; the same list as the Safeguarding Adults Collection's Making
-- Safeguarding Personal table). What practitioners recorded under the
-- wording it replaces is re-mapped value for value; 'Unknown' has no
-- Release 1 value (the guidance has no unknown for this item), so it
-- becomes not recorded: a planned review then shows in `cld check` as
-- missing its outcomes, to be recorded (PUT /api/v1/cld/reviews/{id}).
UPDATE direct_payment_reviews SET cld_outcomes_achieved = CASE cld_outcomes_achieved
    WHEN 'Fully achieved' THEN 'Fully Met'
    WHEN 'Partially achieved' THEN 'Partially Met'
    WHEN 'Not achieved' THEN 'Not Met'
    ELSE NULL END
WHERE cld_outcomes_achieved IN ('Fully achieved', 'Partially achieved', 'Not achieved', 'Unknown');

-- The access rule's first question (store/persons_access.c ACCESS_FACTS: is
-- the person on a caseload of one of the user's teams, open or closed
-- within the grace period?) answered from the index alone: closed_on joins
-- (person_id, team_id), so the probe reads no caseload row. Every record
-- read asks it once; an $export asks it for every person (issue #18).
DROP INDEX caseloads_person;
CREATE INDEX caseloads_person ON caseloads (person_id, team_id, closed_on);

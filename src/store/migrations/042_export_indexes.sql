-- Two indexes for the reads every person of a FHIR $export goes through
-- (issue #18), which also serve single reads:
--
-- The access rule's first question (store/persons_access.c ACCESS_FACTS: is
-- the person on a caseload of one of the user's teams, open or closed
-- within the grace period?) answered from the index alone: closed_on joins
-- (person_id, team_id), so the probe reads no caseload row. Every record
-- read asks it once; an $export asks it for every person.
DROP INDEX caseloads_person;
CREATE INDEX caseloads_person ON caseloads (person_id, team_id, closed_on);
-- The people a system $export pages through (store/fhir_export.c
-- fhir_export_person_ids: every record not merged into another, in id
-- order), and the objection to sharing the access facts of a page read for
-- each (persons_access_facts_range), from the index alone, not a table row
-- per person (merged_into is in it for SQLite to see the index covers).
CREATE INDEX persons_live ON persons (id, objects_to_sharing, merged_into) WHERE merged_into IS NULL;

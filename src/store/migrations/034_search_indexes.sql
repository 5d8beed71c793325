-- Person search and the access check behind every result (docs/performance.md,
-- "Search"): the name + date of birth and postcode searches page in id order
-- (keyset on id), so their indexes end in id and a page is a range of one
-- index with no sort; and the two relationship checks of the access facts
-- that had no index on the person scanned their whole table once per
-- person shown (actions, care task assignments).
DROP INDEX persons_name_dob;
CREATE INDEX persons_name_dob ON persons (family_name_key, date_of_birth, id);
DROP INDEX persons_postcode;
CREATE INDEX persons_postcode ON persons (postcode, id);
CREATE INDEX actions_person ON actions (person_id);
CREATE INDEX care_task_assignments_person ON care_task_assignments (person_id);

-- Case-finding cohorts kept as ordered lists (domain/cohort.h, "Maintained
-- cohort lists"): a person's entries change with their case-finding data,
-- practice, death or merge (store/cohort_members.c), so a page is a keyset
-- range of one index instead of a sort of the cohort per request; the counts
-- per locality and the population totals behind "3 × the average" are kept
-- the same way. Counts and totals are split over 16 slots (by the first
-- hex digit of the person id) so concurrent writers on PostgreSQL do not
-- queue on one row; a reader sums the slots.

-- An entry carries what a page shows, and on SQLite the table is stored in
-- list order (WITHOUT ROWID, keyed by the order), so a page of 50 is one or
-- two leaf pages rather than 50 lookups scattered over the persons table.
CREATE TABLE cohort_members (
    locality_id          TEXT NOT NULL,
    kind                 INTEGER NOT NULL,     -- 0 LTC5, 1 high cost, 2 frailty
    rank_key             INTEGER NOT NULL,     -- the negated measure: most in need first
    name_key             TEXT NOT NULL,        -- family-name key ('' for the cost list)
    person_id            TEXT NOT NULL,
    date_of_birth        TEXT NOT NULL,
    nhs_number           TEXT,
    family_name          TEXT NOT NULL,
    given_name           TEXT NOT NULL,
    postcode             TEXT,
    gp_practice_id       TEXT NOT NULL,
    ltc_count            INTEGER NOT NULL,
    efi_count            INTEGER NOT NULL,
    frailty_flag         INTEGER NOT NULL,
    predicted_cost_pence INTEGER NOT NULL,
    PRIMARY KEY (locality_id, kind, rank_key, name_key, person_id)
-- @backend sqlite
) WITHOUT ROWID;
-- @backend postgres
);
-- @backend all
CREATE UNIQUE INDEX cohort_members_person ON cohort_members (person_id, kind);
CREATE INDEX cohort_members_age ON cohort_members (locality_id, kind, date_of_birth);
CREATE INDEX cohort_members_rank ON cohort_members (kind, rank_key);

CREATE TABLE cohort_counts (
    locality_id TEXT NOT NULL,
    kind        INTEGER NOT NULL,
    slot        INTEGER NOT NULL,
    people      INTEGER NOT NULL,
    PRIMARY KEY (locality_id, kind, slot)
);

CREATE TABLE cohort_population (
    slot        INTEGER PRIMARY KEY,
    people      INTEGER NOT NULL,
    total_pence INTEGER NOT NULL
);

-- The average the cost list was last brought up to date with.
CREATE TABLE cohort_state (
    id            INTEGER PRIMARY KEY,
    average_pence INTEGER NOT NULL
);

INSERT INTO cohort_population (slot, people, total_pence)
SELECT 0, COUNT(*), COALESCE(SUM(predicted_cost_pence), 0) FROM persons
 WHERE date_of_death IS NULL AND merged_into IS NULL;
INSERT INTO cohort_population (slot, people, total_pence) VALUES
    (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0),
    (9, 0, 0), (10, 0, 0), (11, 0, 0), (12, 0, 0), (13, 0, 0), (14, 0, 0), (15, 0, 0);
INSERT INTO cohort_state (id, average_pence)
SELECT 1, CASE WHEN people > 0 AND total_pence > 0 THEN total_pence / people ELSE 0 END
  FROM cohort_population WHERE slot = 0;

INSERT INTO cohort_members (locality_id, kind, rank_key, name_key, person_id, date_of_birth, nhs_number,
    family_name, given_name, postcode, gp_practice_id, ltc_count, efi_count, frailty_flag, predicted_cost_pence)
SELECT g.locality_id, 0, -p.ltc_count, p.family_name_key, p.id, p.date_of_birth, p.nhs_number, p.family_name, p.given_name, p.postcode,
       p.gp_practice_id, p.ltc_count, p.efi_count, p.frailty_flag, p.predicted_cost_pence
  FROM persons p JOIN organisations g ON g.id = p.gp_practice_id
 WHERE g.locality_id IS NOT NULL AND p.date_of_death IS NULL AND p.merged_into IS NULL AND p.ltc_count >= 5;
INSERT INTO cohort_members (locality_id, kind, rank_key, name_key, person_id, date_of_birth, nhs_number,
    family_name, given_name, postcode, gp_practice_id, ltc_count, efi_count, frailty_flag, predicted_cost_pence)
SELECT g.locality_id, 1, -p.predicted_cost_pence, '', p.id, p.date_of_birth, p.nhs_number, p.family_name, p.given_name, p.postcode,
       p.gp_practice_id, p.ltc_count, p.efi_count, p.frailty_flag, p.predicted_cost_pence
  FROM persons p JOIN organisations g ON g.id = p.gp_practice_id, cohort_state s
 WHERE s.id = 1 AND s.average_pence > 0 AND p.predicted_cost_pence >= 3 * s.average_pence
   AND g.locality_id IS NOT NULL AND p.date_of_death IS NULL AND p.merged_into IS NULL;
INSERT INTO cohort_members (locality_id, kind, rank_key, name_key, person_id, date_of_birth, nhs_number,
    family_name, given_name, postcode, gp_practice_id, ltc_count, efi_count, frailty_flag, predicted_cost_pence)
SELECT g.locality_id, 2, -p.efi_count, p.family_name_key, p.id, p.date_of_birth, p.nhs_number, p.family_name, p.given_name, p.postcode,
       p.gp_practice_id, p.ltc_count, p.efi_count, p.frailty_flag, p.predicted_cost_pence
  FROM persons p JOIN organisations g ON g.id = p.gp_practice_id
 WHERE g.locality_id IS NOT NULL AND p.date_of_death IS NULL AND p.merged_into IS NULL
   AND (p.efi_count >= 9 OR p.frailty_flag = 1);
INSERT INTO cohort_counts (locality_id, kind, slot, people)
SELECT locality_id, kind, 0, COUNT(*) FROM cohort_members GROUP BY locality_id, kind;

-- The per-practice cohort indexes served the per-request sort; the cost
-- list moves with the average along one index of predicted cost.
DROP INDEX persons_cohort_ltc;
DROP INDEX persons_cohort_frailty;
DROP INDEX persons_cohort_cost;
CREATE INDEX persons_cost ON persons (predicted_cost_pence);

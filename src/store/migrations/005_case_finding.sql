-- Case-finding: the eFI deficit count and a recorded frailty flag beside
-- the long-term condition count and predicted acute cost, with indexes
-- that keep each cohort a range scan in a county of a million people.

ALTER TABLE persons ADD COLUMN efi_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE persons ADD COLUMN frailty_flag INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET efi_count = CASE WHEN efi_deficits = '' THEN 0
    ELSE length(efi_deficits) - length(replace(efi_deficits, ',', '')) + 1 END;

-- Per practice (a locality is a set of practices), each cohort's rows only.
CREATE INDEX persons_cohort_ltc ON persons (gp_practice_id, ltc_count) WHERE ltc_count >= 5;
CREATE INDEX persons_cohort_frailty ON persons (gp_practice_id, efi_count) WHERE efi_count >= 9 OR frailty_flag = 1;
CREATE INDEX persons_cohort_cost ON persons (gp_practice_id, predicted_cost_pence);

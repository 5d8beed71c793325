-- Issue #14 item 5: the NHS number's status follows the NHS Data Dictionary
-- "NHS Number Status Indicator Code" (01..08) instead of a self-declared
-- "verified" tick. Nothing here came from a trace against the Personal
-- Demographics Service, so every number already held is "02" (present but
-- not traced) and a record without one is "03" (trace required).
-- nhs_number_verified is no longer written or read.
ALTER TABLE persons ADD COLUMN nhs_number_status TEXT NOT NULL DEFAULT '03'
    CHECK (nhs_number_status IN ('01', '02', '03', '04', '05', '06', '07', '08'));
UPDATE persons SET nhs_number_status = CASE WHEN nhs_number IS NULL THEN '03' ELSE '02' END;

-- The Client Level Data return (domain/cld.h): attributes the national
-- return asks for that no other part of Seamless holds, recorded where a
-- practitioner would record them, with the return's own code lists
-- (validated by the service, so the text here is always on a list).
-- A person's: ethnicity, primary support reason, accommodation and
-- employment status, unpaid carer, the four health conditions and the
-- client funding status. NULL: not recorded (the validator lists it).
CREATE TABLE person_cld_attributes (
    person_id               TEXT PRIMARY KEY REFERENCES persons(id),
    ethnicity               TEXT,
    primary_support_reason  TEXT,
    accommodation_status    TEXT,
    employment_status       TEXT,
    has_unpaid_carer        TEXT,
    autism                  TEXT,
    visual_impairment       TEXT,
    hearing_impairment      TEXT,
    dementia                TEXT,
    client_funding_status   TEXT,
    version                 INTEGER NOT NULL DEFAULT 1,
    updated_at              TEXT NOT NULL,
    updated_by              TEXT REFERENCES users(id)
);

-- How an assessment or a review was carried out, and what a planned review
-- found; a plan task's service component.
ALTER TABLE care_act_assessments ADD COLUMN cld_method TEXT;
ALTER TABLE direct_payment_reviews ADD COLUMN cld_method TEXT;
ALTER TABLE direct_payment_reviews ADD COLUMN cld_outcomes_achieved TEXT;
ALTER TABLE care_plan_tasks ADD COLUMN cld_service_component TEXT;

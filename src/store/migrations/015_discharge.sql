-- Hospital discharge and Home First (domain.md §11; issue 16).
--
-- A hospital stay (an inpatient spell) at a trust's ward, fed by the trust's
-- HL7 v2 ADT messages (hl7_messages keeps each one as received, with its
-- outcome) or typed in. The integrated discharge team (IDT) records the
-- daily criteria-to-reside review; the first "does not meet" of the latest
-- run sets the discharge ready date (ready_on, DRD). Corrections to the
-- DRD, pathway changes, ward transfers and delay reasons keep their history
-- in stay_changes / stay_delay_reasons. Delay reasons are data: the
-- national list, grouped by category, each with the sector a delay is
-- attributed to by default (domain/discharge.c holds the same rows for the
-- pure rules; a unit test keeps them identical). Dates are YYYY-MM-DD (UK
-- civil dates), times RFC 3339 UTC.

CREATE TABLE hospital_wards (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations(id),   -- the trust
    code        TEXT NOT NULL,          -- as the PAS sends it (PV1-3.1)
    name        TEXT NOT NULL,
    site        TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'acute' CHECK (kind IN ('acute','community','mental_health')),
    team_id     TEXT REFERENCES teams(id),   -- the ward's own team
    idt_team_id TEXT REFERENCES teams(id),   -- the IDT that covers the ward
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (org_id, code)
);

CREATE TABLE discharge_delay_reasons (
    code        TEXT PRIMARY KEY,
    category    TEXT NOT NULL,
    label       TEXT NOT NULL,
    sector      TEXT NOT NULL CHECK (sector IN ('nhs','social_care','both')),
    sort_order  INTEGER NOT NULL
);
INSERT INTO discharge_delay_reasons (code, category, label, sector, sort_order) VALUES
    ('awaiting_assessment', 'assessment', 'Awaiting completion of assessment', 'both', 10),
    ('awaiting_social_care_assessment', 'assessment', 'Awaiting social care (Care Act) assessment', 'social_care', 20),
    ('awaiting_therapy_assessment', 'assessment', 'Awaiting therapy assessment', 'nhs', 30),
    ('awaiting_mental_health_assessment', 'assessment', 'Awaiting mental health assessment', 'nhs', 40),
    ('awaiting_chc_assessment', 'assessment', 'Awaiting NHS Continuing Healthcare checklist or assessment', 'nhs', 50),
    ('awaiting_mental_capacity_assessment', 'assessment', 'Awaiting mental capacity assessment', 'both', 60),
    ('awaiting_medical_decision', 'hospital_process', 'Awaiting a medical decision or review', 'nhs', 70),
    ('awaiting_diagnostics', 'hospital_process', 'Awaiting a test or its result', 'nhs', 80),
    ('awaiting_discharge_summary', 'hospital_process', 'Awaiting discharge letter or paperwork', 'nhs', 90),
    ('awaiting_referral', 'hospital_process', 'Referral to the next service not yet made', 'nhs', 100),
    ('infection_control', 'hospital_process', 'Awaiting infection control clearance', 'nhs', 110),
    ('awaiting_reablement', 'pathway_1', 'Awaiting reablement or intermediate care at home', 'both', 120),
    ('awaiting_care_package', 'pathway_1', 'Awaiting start of a care package at home', 'social_care', 130),
    ('awaiting_care_package_restart', 'pathway_1', 'Awaiting restart of a care package', 'social_care', 140),
    ('awaiting_community_health', 'pathway_1', 'Awaiting community nursing or therapy at home', 'nhs', 150),
    ('awaiting_rehab_bed', 'pathway_2', 'Awaiting community hospital or rehabilitation bed', 'nhs', 160),
    ('awaiting_step_down_bed', 'pathway_2', 'Awaiting a step-down or intermediate care bed', 'both', 170),
    ('awaiting_care_home', 'pathway_3', 'Awaiting residential care home placement', 'social_care', 180),
    ('awaiting_nursing_home', 'pathway_3', 'Awaiting nursing home placement', 'both', 190),
    ('awaiting_care_home_assessment', 'pathway_3', 'Awaiting the care home''s own assessment', 'both', 200),
    ('awaiting_hospice', 'pathway_3', 'Awaiting hospice or end-of-life care', 'nhs', 210),
    ('family_choice', 'choice', 'Patient or family choice', 'both', 220),
    ('choosing_care_home', 'choice', 'Patient or family choosing a care home', 'both', 230),
    ('declined_offer', 'choice', 'Patient or family declined the service offered', 'both', 240),
    ('housing', 'housing', 'Awaiting housing', 'social_care', 250),
    ('homeless', 'housing', 'No home to go to (homelessness)', 'social_care', 260),
    ('home_not_ready', 'housing', 'Home not ready (heating, cleaning, key safe)', 'social_care', 270),
    ('equipment', 'equipment', 'Awaiting community equipment or adaptations', 'both', 280),
    ('awaiting_home_adaptations', 'equipment', 'Awaiting major adaptations to the home', 'social_care', 290),
    ('awaiting_transport', 'transport', 'Awaiting transport', 'nhs', 300),
    ('awaiting_family_transport', 'transport', 'Awaiting family or carer to collect', 'both', 310),
    ('awaiting_medicines', 'medicines', 'Awaiting medicines to take out', 'nhs', 320),
    ('awaiting_medicines_support', 'medicines', 'Awaiting help with medicines at home', 'both', 330),
    ('safeguarding', 'legal', 'Awaiting safeguarding decision', 'social_care', 340),
    ('legal_dols', 'legal', 'Awaiting legal or DoLS / Court of Protection decision', 'social_care', 350),
    ('awaiting_funding_decision', 'funding', 'Awaiting public funding decision', 'both', 360),
    ('dispute', 'funding', 'Dispute between organisations or with the family', 'both', 370),
    ('awaiting_repatriation', 'other', 'Awaiting transfer to another hospital', 'nhs', 380);

CREATE TABLE hospital_stays (
    id                     TEXT PRIMARY KEY,
    person_id              TEXT NOT NULL REFERENCES persons(id),
    org_id                 TEXT NOT NULL REFERENCES organisations(id),   -- the trust
    ward_id                TEXT REFERENCES hospital_wards(id),
    idt_team_id            TEXT REFERENCES teams(id),    -- the IDT tracking the stay
    visit_number           TEXT,             -- PV1-19; NULL when typed in
    source                 TEXT NOT NULL CHECK (source IN ('feed','typed')),
    specialty              TEXT NOT NULL DEFAULT '',
    bed                    TEXT NOT NULL DEFAULT '',
    admitted_at            TEXT NOT NULL,
    admitted_on            TEXT NOT NULL,
    expected_discharge_on  TEXT,
    status                 TEXT NOT NULL CHECK (status IN ('admitted','discharged','cancelled')),
    discharged_at          TEXT,
    discharged_on          TEXT,
    discharge_destination  TEXT NOT NULL DEFAULT '',
    ctr_meets              INTEGER CHECK (ctr_meets IN (0, 1)),   -- latest review; NULL: none yet
    ctr_reviewed_on        TEXT,
    ready_on               TEXT,             -- the discharge ready date (DRD)
    pathway                INTEGER CHECK (pathway BETWEEN 0 AND 3),
    planned_destination    TEXT NOT NULL DEFAULT '',
    delay_reason           TEXT REFERENCES discharge_delay_reasons(code),
    delay_sector           TEXT CHECK (delay_sector IN ('nhs','social_care','both')),
    next_action            TEXT NOT NULL DEFAULT '',
    next_action_owner      TEXT NOT NULL DEFAULT '',
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             TEXT NOT NULL,
    created_by             TEXT,
    updated_at             TEXT NOT NULL,
    updated_by             TEXT,
    UNIQUE (org_id, visit_number)
);
CREATE INDEX hospital_stays_board ON hospital_stays (org_id, status, ready_on);
CREATE INDEX hospital_stays_person ON hospital_stays (person_id);

-- Who the stay names for direct care: the IDT, the ward's team and a
-- receiving team while a transfer of care is open (domain.md §2).
CREATE TABLE stay_teams (
    stay_id     TEXT NOT NULL REFERENCES hospital_stays(id),
    person_id   TEXT NOT NULL REFERENCES persons(id),
    team_id     TEXT NOT NULL REFERENCES teams(id),
    part        TEXT NOT NULL CHECK (part IN ('idt','ward','receiving')),
    ended_at    TEXT,
    PRIMARY KEY (stay_id, team_id)
);
CREATE INDEX stay_teams_person ON stay_teams (person_id);

CREATE TABLE stay_reviews (
    id           TEXT PRIMARY KEY,
    stay_id      TEXT NOT NULL REFERENCES hospital_stays(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    reviewed_on  TEXT NOT NULL,
    meets        INTEGER NOT NULL CHECK (meets IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    reviewed_by  TEXT REFERENCES users(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX stay_reviews_stay ON stay_reviews (stay_id, reviewed_on);

-- History of what changed and why: ready_on (a DRD correction needs a
-- reason), pathway, ward (transfers), discharge, cancellations.
CREATE TABLE stay_changes (
    id          TEXT PRIMARY KEY,
    stay_id     TEXT NOT NULL REFERENCES hospital_stays(id),
    person_id   TEXT NOT NULL REFERENCES persons(id),
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    changed_by  TEXT,
    changed_at  TEXT NOT NULL
);
CREATE INDEX stay_changes_stay ON stay_changes (stay_id, changed_at);

-- Each delay reason applies from from_on until the next one's from_on.
CREATE TABLE stay_delay_reasons (
    id               TEXT PRIMARY KEY,
    stay_id          TEXT NOT NULL REFERENCES hospital_stays(id),
    person_id        TEXT NOT NULL REFERENCES persons(id),
    reason_code      TEXT NOT NULL REFERENCES discharge_delay_reasons(code),
    from_on          TEXT NOT NULL,
    sector           TEXT NOT NULL CHECK (sector IN ('nhs','social_care','both')),
    override_reason  TEXT NOT NULL DEFAULT '',   -- why not the default sector
    recorded_by      TEXT,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX stay_delay_reasons_stay ON stay_delay_reasons (stay_id, from_on);

-- Transfers of care raised from a stay through the referral point.
CREATE TABLE stay_transfers (
    id           TEXT PRIMARY KEY,
    stay_id      TEXT NOT NULL REFERENCES hospital_stays(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    referral_id  TEXT REFERENCES referrals(id),
    kind         TEXT NOT NULL CHECK (kind IN ('reablement','care_act_assessment','care_home',
                                               'community_health','chc_checklist','chc_fast_track')),
    team_id      TEXT REFERENCES teams(id),
    status       TEXT NOT NULL CHECK (status IN ('open','accepted','closed')),
    created_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX stay_transfers_stay ON stay_transfers (stay_id);

-- Home First reablement (domain/reablement.h).
CREATE TABLE reablement_episodes (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES persons(id),
    stay_id         TEXT REFERENCES hospital_stays(id),
    team_id         TEXT REFERENCES teams(id),
    start_on        TEXT NOT NULL,
    planned_end_on  TEXT NOT NULL,
    ended_on        TEXT,
    outcome         TEXT CHECK (outcome IN ('no_ongoing_support','reduced_support','long_term_support',
                                            'readmitted','died')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX reablement_episodes_person ON reablement_episodes (person_id);
CREATE INDEX reablement_episodes_start ON reablement_episodes (start_on);

-- Every HL7 message as received, with its outcome and the ACK sent. A
-- replay (same organisation and control id) is answered with the stored
-- ACK and changes nothing. held: no person matched (the work queue).
CREATE TABLE hl7_messages (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    control_id   TEXT,
    event        TEXT NOT NULL DEFAULT '',
    via          TEXT NOT NULL CHECK (via IN ('mllp','http')),
    received_at  TEXT NOT NULL,
    body         TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('applied','held','error','rejected','resolved')),
    ack_code     TEXT NOT NULL CHECK (ack_code IN ('AA','AE','AR')),
    ack          TEXT NOT NULL,
    error_text   TEXT NOT NULL DEFAULT '',
    nhs_number   TEXT NOT NULL DEFAULT '',
    person_id    TEXT REFERENCES persons(id),
    stay_id      TEXT REFERENCES hospital_stays(id),
    resolved_by  TEXT,
    resolved_at  TEXT,
    UNIQUE (org_id, control_id)
);
CREATE INDEX hl7_messages_queue ON hl7_messages (org_id, outcome, received_at);

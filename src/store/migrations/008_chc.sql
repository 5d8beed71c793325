-- NHS Continuing Healthcare (domain.md §7): Checklists, CHC cases (the
-- unit the ICB's 28-day clock, decision and later reviews hang on), full
-- assessments with the Decision Support Tool and their MDT, ICB decisions,
-- Fast Track, and each case's history.
--
-- Stable for later migrations: chc_cases(id, person_id, status, outcome,
-- decided_on, received_on, team_id); chc_decisions(id, case_id, outcome,
-- decided_on). Levels are stored per domain in columns named by the API's
-- domain keys.

CREATE TABLE chc_cases (
    id                TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL REFERENCES persons(id),
    route             TEXT NOT NULL CHECK (route IN ('checklist','referral','fast_track')),
    -- awaiting_assessment → assessed → decided; deferred keeps the clock
    -- running until a decision; fast_track is decided at once; closed ends
    -- the work (and the relationship after the grace period).
    status            TEXT NOT NULL CHECK (status IN ('awaiting_assessment','assessed','deferred','decided','closed')),
    team_id           TEXT NOT NULL REFERENCES teams(id),     -- the ICB CHC team holding it
    received_on       TEXT NOT NULL,      -- YYYY-MM-DD: ICB receipt, day 0 of the 28-day clock
    checklist_id      TEXT,               -- the positive Checklist that opened it (route checklist)
    referral_id       TEXT REFERENCES referrals(id),
    outcome           TEXT CHECK (outcome IN ('eligible','not_eligible','deferred')),  -- latest decision
    decided_on        TEXT,               -- YYYY-MM-DD of the eligible / not eligible decision
    decision_id       TEXT,               -- the latest chc_decisions row
    fast_track_reason TEXT,
    fast_track_by     TEXT REFERENCES users(id),
    package_start_on  TEXT,               -- YYYY-MM-DD the package started (Fast Track and eligible)
    opened_by         TEXT REFERENCES users(id),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    created_by        TEXT,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT
);
CREATE INDEX chc_cases_person ON chc_cases (person_id);
CREATE INDEX chc_cases_team ON chc_cases (team_id, status, received_on);
CREATE INDEX chc_cases_decided ON chc_cases (decided_on);

CREATE TABLE chc_checklists (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES persons(id),
    case_id         TEXT REFERENCES chc_cases(id),   -- set when sent to the ICB
    completed_on    TEXT NOT NULL,                   -- YYYY-MM-DD
    setting         TEXT NOT NULL CHECK (setting IN ('acute','community','care_home','home')),
    breathing       TEXT NOT NULL CHECK (breathing IN ('A','B','C')),
    nutrition       TEXT NOT NULL CHECK (nutrition IN ('A','B','C')),
    continence      TEXT NOT NULL CHECK (continence IN ('A','B','C')),
    skin            TEXT NOT NULL CHECK (skin IN ('A','B','C')),
    mobility        TEXT NOT NULL CHECK (mobility IN ('A','B','C')),
    communication   TEXT NOT NULL CHECK (communication IN ('A','B','C')),
    psychological   TEXT NOT NULL CHECK (psychological IN ('A','B','C')),
    cognition       TEXT NOT NULL CHECK (cognition IN ('A','B','C')),
    behaviour       TEXT NOT NULL CHECK (behaviour IN ('A','B','C')),
    drug_therapies  TEXT NOT NULL CHECK (drug_therapies IN ('A','B','C')),
    altered_states  TEXT NOT NULL CHECK (altered_states IN ('A','B','C')),
    count_a         INTEGER NOT NULL,
    count_b         INTEGER NOT NULL,
    count_c         INTEGER NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('positive','negative')),
    reasons         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('completed','sent')),
    sent_on         TEXT,                            -- YYYY-MM-DD the ICB received it
    team_id         TEXT REFERENCES teams(id),       -- the author's team at the time
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users(id),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX chc_checklists_person ON chc_checklists (person_id, completed_on);
CREATE INDEX chc_checklists_case ON chc_checklists (case_id);

-- A full assessment with the Decision Support Tool. A draft may have
-- levels missing (save and return); completing it checks all 12 domains
-- and the MDT, and fills the counts and the indicator.
CREATE TABLE chc_assessments (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES chc_cases(id),
    person_id       TEXT NOT NULL REFERENCES persons(id),
    status          TEXT NOT NULL CHECK (status IN ('draft','completed')),
    setting         TEXT CHECK (setting IN ('acute','community','care_home','home')),
    breathing       TEXT,
    nutrition       TEXT,
    continence      TEXT,
    skin            TEXT,
    mobility        TEXT,
    communication   TEXT,
    psychological   TEXT,
    cognition       TEXT,
    behaviour       TEXT,
    drug_therapies  TEXT,
    altered_states  TEXT,
    other           TEXT,
    count_no        INTEGER NOT NULL DEFAULT 0,
    count_low       INTEGER NOT NULL DEFAULT 0,
    count_moderate  INTEGER NOT NULL DEFAULT 0,
    count_high      INTEGER NOT NULL DEFAULT 0,
    count_severe    INTEGER NOT NULL DEFAULT 0,
    count_priority  INTEGER NOT NULL DEFAULT 0,
    indicator       TEXT CHECK (indicator IN ('strong','possible','none')),
    person_views    TEXT NOT NULL DEFAULT '',
    recommendation  TEXT NOT NULL DEFAULT '',
    completed_on    TEXT,                           -- YYYY-MM-DD
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users(id),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX chc_assessments_case ON chc_assessments (case_id);
CREATE INDEX chc_assessments_completed ON chc_assessments (status, completed_on);

CREATE TABLE chc_mdt_members (
    id                 TEXT PRIMARY KEY,
    assessment_id      TEXT NOT NULL REFERENCES chc_assessments(id),
    position           INTEGER NOT NULL,
    user_id            TEXT REFERENCES users(id),   -- a Seamless user, or
    name               TEXT,                        -- someone named (another organisation)
    profession         TEXT NOT NULL,
    care_act_assessor  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX chc_mdt_members_assessment ON chc_mdt_members (assessment_id, position);
CREATE INDEX chc_mdt_members_user ON chc_mdt_members (user_id);

-- Every ICB decision on a case (a deferral, then the decision).
CREATE TABLE chc_decisions (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES chc_cases(id),
    person_id          TEXT NOT NULL REFERENCES persons(id),
    outcome            TEXT NOT NULL CHECK (outcome IN ('eligible','not_eligible','deferred')),
    fnc                INTEGER NOT NULL DEFAULT 0,      -- not eligible: NHS-funded nursing care
    fnc_band           TEXT CHECK (fnc_band IN ('standard','higher')),
    fnc_weekly_pence   INTEGER,                        -- the rate in force on decided_on
    funding            TEXT CHECK (funding IN ('joint_package','council_only','none')),
    rationale          TEXT NOT NULL,
    decided_on         TEXT NOT NULL,                  -- YYYY-MM-DD
    decided_by         TEXT NOT NULL REFERENCES users(id),
    created_at         TEXT NOT NULL
);
CREATE INDEX chc_decisions_case ON chc_decisions (case_id, created_at);

CREATE TABLE chc_case_events (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES chc_cases(id),
    person_id  TEXT NOT NULL REFERENCES persons(id),
    at         TEXT NOT NULL,
    user_id    TEXT REFERENCES users(id),
    kind       TEXT NOT NULL,    -- opened | assessment_started | assessed | decided | deferred | fast_track | package_started
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX chc_case_events_case ON chc_case_events (case_id, at);

-- Care and support plans, delegated tasks and competency (domain.md §8, §9).
-- A plan lists needs, agreed outcomes and tasks from a configurable
-- catalogue; each task type is health, social care or registered-nurse
-- care, delegable or not, and names the competency a worker needs. A task
-- is assigned to a worker (a staff user, or a provider's worker recorded by
-- name with their organisation) only when the worker holds that competency
-- on every day of the assignment (domain/competency.h). A delegated health
-- task names an accountable registered practitioner and an oversight review
-- date. Money is integer pence per week; the NHS / council / person shares
-- are derived on every read (domain/apportion.h), never stored, except the
-- agreed split (split_*), which a joint funding panel may later set.
-- Dates are YYYY-MM-DD text; expires_on is the last day a competency holds.

CREATE TABLE care_task_types (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('health','social_care','registered_nurse_care')),
    delegable        INTEGER NOT NULL CHECK (delegable IN (0, 1)),
    competency_code  TEXT,               -- NULL: no assessed competency needed
    active           INTEGER NOT NULL DEFAULT 1,
    sort_order       INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL
);

INSERT INTO care_task_types (code, name, kind, delegable, competency_code, sort_order, created_at) VALUES
    ('personal_care', 'Personal care', 'social_care', 1, NULL, 10, '2026-12-01T00:00:00Z'),
    ('meal_preparation', 'Meal preparation', 'social_care', 1, NULL, 20, '2026-12-01T00:00:00Z'),
    ('medication_prompt', 'Medication prompt', 'social_care', 1, 'medication_prompt', 30, '2026-12-01T00:00:00Z'),
    ('medication_administration', 'Medication administration', 'health', 1, 'medication_administration', 40,
     '2026-12-01T00:00:00Z'),
    ('stoma_care', 'Stoma care', 'health', 1, 'stoma_care', 50, '2026-12-01T00:00:00Z'),
    ('catheter_care', 'Catheter care', 'health', 1, 'catheter_care', 60, '2026-12-01T00:00:00Z'),
    ('peg_feeding', 'PEG feeding', 'health', 1, 'peg_feeding', 70, '2026-12-01T00:00:00Z'),
    ('insulin_administration', 'Insulin administration', 'health', 1, 'insulin_administration', 80,
     '2026-12-01T00:00:00Z'),
    ('pressure_area_care', 'Pressure area care', 'health', 1, 'pressure_area_care', 90, '2026-12-01T00:00:00Z'),
    ('wound_dressing', 'Wound dressing', 'registered_nurse_care', 0, 'wound_care', 100, '2026-12-01T00:00:00Z');

-- One row per assessed competency. A worker is a staff user (worker_user_id)
-- or a provider's worker named in worker_name; worker_org_id is their
-- employer either way.
CREATE TABLE competencies (
    id                TEXT PRIMARY KEY,
    worker_user_id    TEXT REFERENCES users(id),
    worker_name       TEXT,
    worker_org_id     TEXT NOT NULL REFERENCES organisations(id),
    competency_code   TEXT NOT NULL,
    assessor_user_id  TEXT REFERENCES users(id),
    assessor_name     TEXT NOT NULL,
    assessed_on       TEXT NOT NULL,
    expires_on        TEXT NOT NULL,     -- last day the competency holds
    evidence          TEXT NOT NULL DEFAULT '',
    recorded_org_id   TEXT NOT NULL REFERENCES organisations(id),  -- who keeps the record
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    created_by        TEXT REFERENCES users(id),
    updated_at        TEXT NOT NULL,
    updated_by        TEXT,
    CHECK (worker_user_id IS NOT NULL OR worker_name IS NOT NULL),
    CHECK (expires_on >= assessed_on)
);
CREATE INDEX competencies_user ON competencies (worker_user_id, competency_code);
CREATE INDEX competencies_named ON competencies (worker_org_id, worker_name, competency_code);
CREATE INDEX competencies_expiry ON competencies (recorded_org_id, expires_on);

CREATE TABLE care_plans (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES persons(id),
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    team_id     TEXT REFERENCES teams(id),       -- the team holding the plan
    needs       TEXT NOT NULL,
    outcomes    TEXT NOT NULL,                   -- agreed outcomes, in words
    start_on    TEXT NOT NULL,
    review_on   TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft','agreed','active','ended')),
    ended_on    TEXT,
    -- Value for money (domain.md §8): what was considered before commissioning
    -- care, in words; NULL until recorded. All four before the plan is active.
    vfm_call_frequency        TEXT,
    vfm_skill_mix             TEXT,
    vfm_assistive_technology  TEXT,
    vfm_community_resources   TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX care_plans_person ON care_plans (person_id, start_on);
CREATE INDEX care_plans_team ON care_plans (team_id, status);

-- Every version of a plan as it was saved (JSON text of the plan and its
-- tasks), so an agreed plan's history stays readable after it changes.
CREATE TABLE care_plan_versions (
    plan_id     TEXT NOT NULL REFERENCES care_plans(id),
    version     INTEGER NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id),
    status      TEXT NOT NULL,
    change      TEXT NOT NULL,                   -- what changed, in words
    snapshot    TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  TEXT REFERENCES users(id),
    PRIMARY KEY (plan_id, version)
);

CREATE TABLE care_plan_tasks (
    id                  TEXT PRIMARY KEY,
    plan_id             TEXT NOT NULL REFERENCES care_plans(id),
    person_id           TEXT NOT NULL REFERENCES persons(id),
    task_code           TEXT NOT NULL REFERENCES care_task_types(code),
    calls               INTEGER NOT NULL CHECK (calls > 0),
    per                 TEXT NOT NULL CHECK (per IN ('day','week')),
    minutes_per_call    INTEGER NOT NULL CHECK (minutes_per_call > 0),
    provider_org_id     TEXT REFERENCES organisations(id),
    weekly_cost_pence   INTEGER NOT NULL CHECK (weekly_cost_pence >= 0),
    accountable_org_id  TEXT NOT NULL REFERENCES organisations(id),
    -- An agreed split (e.g. by a joint funding panel); NULL: by accountability.
    split_unit          TEXT CHECK (split_unit IN ('basis_points','shares')),
    split_nhs           INTEGER,
    split_council       INTEGER,
    split_person        INTEGER,
    notes               TEXT NOT NULL DEFAULT '',
    ended_on            TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    created_by          TEXT REFERENCES users(id),
    updated_at          TEXT NOT NULL,
    updated_by          TEXT
);
CREATE INDEX care_plan_tasks_plan ON care_plan_tasks (plan_id, created_at);

CREATE TABLE care_task_assignments (
    id                     TEXT PRIMARY KEY,
    plan_task_id           TEXT NOT NULL REFERENCES care_plan_tasks(id),
    plan_id                TEXT NOT NULL REFERENCES care_plans(id),
    person_id              TEXT NOT NULL REFERENCES persons(id),
    worker_user_id         TEXT REFERENCES users(id),
    worker_name            TEXT,
    worker_org_id          TEXT NOT NULL REFERENCES organisations(id),
    from_on                TEXT NOT NULL,
    to_on                  TEXT NOT NULL,
    delegated              INTEGER NOT NULL DEFAULT 0,   -- a health task done by another organisation's worker
    practitioner_user_id   TEXT REFERENCES users(id),    -- accountable registered practitioner
    oversight_review_on    TEXT,                         -- the next review
    oversight_reviewed_on  TEXT,                         -- the last review done
    competency_id          TEXT REFERENCES competencies(id),
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             TEXT NOT NULL,
    created_by             TEXT REFERENCES users(id),
    updated_at             TEXT NOT NULL,
    updated_by             TEXT,
    CHECK (worker_user_id IS NOT NULL OR worker_name IS NOT NULL),
    CHECK (to_on >= from_on)
);
CREATE INDEX care_task_assignments_task ON care_task_assignments (plan_task_id, from_on);
CREATE INDEX care_task_assignments_worker ON care_task_assignments (worker_user_id, to_on);
CREATE INDEX care_task_assignments_practitioner ON care_task_assignments (practitioner_user_id, oversight_review_on);

-- Training towards the competencies above: courses, and who attended and
-- completed them (a staff user, or a provider's worker by name and
-- organisation, as in competencies). Uptake is reported in aggregate.
CREATE TABLE training_courses (
    id               TEXT PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    competency_code  TEXT NOT NULL,
    org_id           TEXT NOT NULL REFERENCES organisations(id),   -- who runs it
    created_at       TEXT NOT NULL,
    created_by       TEXT REFERENCES users(id)
);

CREATE TABLE training_attendance (
    id              TEXT PRIMARY KEY,
    course_id       TEXT NOT NULL REFERENCES training_courses(id),
    worker_user_id  TEXT REFERENCES users(id),
    worker_name     TEXT,
    worker_org_id   TEXT NOT NULL REFERENCES organisations(id),
    attended_on     TEXT NOT NULL,
    completed       INTEGER NOT NULL CHECK (completed IN (0, 1)),
    created_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users(id),
    CHECK (worker_user_id IS NOT NULL OR worker_name IS NOT NULL)
);
CREATE INDEX training_attendance_course ON training_attendance (course_id, attended_on);

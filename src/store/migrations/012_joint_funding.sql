-- Joint funding panels, requests, effective-dated splits and without-
-- prejudice interim funding (domain.md §9; issue #9; rules pinned in
-- domain/joint_funding.h). A request is raised from a care plan for one or
-- more of its tasks with a proposed split and evidence, and listed for the
-- next meeting of a panel (a team, e.g. the ICB's joint funding panel,
-- meeting every cycle_days from first_on). The decision — agreed, amended,
-- refused or deferred (to the next meeting) — is effective from a date; an
-- agreed or amended split is recorded per task from that date and drives
-- apportionment from then on. A health task with no agreed funding is
-- funded by the NHS without prejudice from the plan's start until the
-- decision; the decision closes that period and stores its reconciliation
-- (who owes whom, in pence). Money is integer pence; dates YYYY-MM-DD.

CREATE TABLE funding_panels (
    team_id     TEXT PRIMARY KEY REFERENCES teams(id),
    first_on    TEXT NOT NULL,              -- the first meeting
    cycle_days  INTEGER NOT NULL CHECK (cycle_days BETWEEN 1 AND 366),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE joint_funding_requests (
    id                    TEXT PRIMARY KEY,
    plan_id               TEXT NOT NULL REFERENCES care_plans(id),
    person_id             TEXT NOT NULL REFERENCES persons(id),
    panel_team_id         TEXT NOT NULL REFERENCES teams(id),
    panel_on              TEXT NOT NULL,      -- the meeting it is listed for
    proposed_unit         TEXT NOT NULL CHECK (proposed_unit IN ('basis_points','shares')),
    proposed_nhs          INTEGER NOT NULL CHECK (proposed_nhs >= 0),
    proposed_council      INTEGER NOT NULL CHECK (proposed_council >= 0),
    proposed_person       INTEGER NOT NULL CHECK (proposed_person >= 0),
    evidence              TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('requested','agreed','amended','refused','deferred')),
    decided_unit          TEXT CHECK (decided_unit IN ('basis_points','shares')),
    decided_nhs           INTEGER,
    decided_council       INTEGER,
    decided_person        INTEGER,
    decision_note         TEXT NOT NULL DEFAULT '',
    decided_by            TEXT REFERENCES users(id),
    decided_at            TEXT,
    effective_from        TEXT,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL,
    created_by            TEXT REFERENCES users(id),
    updated_at            TEXT NOT NULL,
    updated_by            TEXT
);
CREATE INDEX joint_funding_requests_panel ON joint_funding_requests (panel_team_id, panel_on, status);
CREATE INDEX joint_funding_requests_plan ON joint_funding_requests (plan_id);
CREATE INDEX joint_funding_requests_person ON joint_funding_requests (person_id);

CREATE TABLE joint_funding_request_tasks (
    request_id    TEXT NOT NULL REFERENCES joint_funding_requests(id),
    plan_task_id  TEXT NOT NULL REFERENCES care_plan_tasks(id),
    person_id     TEXT NOT NULL REFERENCES persons(id),
    PRIMARY KEY (request_id, plan_task_id)
);
CREATE INDEX joint_funding_request_tasks_task ON joint_funding_request_tasks (plan_task_id);

-- The split agreed for a task from effective_from (latest on or before a
-- day is in force that day); before the first row the task's own split_*
-- (or its accountability) applies.
CREATE TABLE care_task_splits (
    id              TEXT PRIMARY KEY,
    plan_task_id    TEXT NOT NULL REFERENCES care_plan_tasks(id),
    person_id       TEXT NOT NULL REFERENCES persons(id),
    request_id      TEXT REFERENCES joint_funding_requests(id),
    effective_from  TEXT NOT NULL,
    split_unit      TEXT NOT NULL CHECK (split_unit IN ('basis_points','shares')),
    split_nhs       INTEGER NOT NULL CHECK (split_nhs >= 0),
    split_council   INTEGER NOT NULL CHECK (split_council >= 0),
    split_person    INTEGER NOT NULL CHECK (split_person >= 0),
    created_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users(id)
);
CREATE INDEX care_task_splits_task ON care_task_splits (plan_task_id, effective_from);

-- The NHS funds a health task without prejudice from from_on; to_on is set
-- (the day before the decision's effective date) when the panel decides,
-- with the reconciliation: the period's cost and each party's share.
CREATE TABLE interim_funding_periods (
    id                      TEXT PRIMARY KEY,
    plan_task_id            TEXT NOT NULL REFERENCES care_plan_tasks(id),
    plan_id                 TEXT NOT NULL REFERENCES care_plans(id),
    person_id               TEXT NOT NULL REFERENCES persons(id),
    request_id              TEXT NOT NULL REFERENCES joint_funding_requests(id),
    funder                  TEXT NOT NULL CHECK (funder IN ('nhs')),
    weekly_cost_pence       INTEGER NOT NULL CHECK (weekly_cost_pence >= 0),
    from_on                 TEXT NOT NULL,
    to_on                   TEXT,
    days                    INTEGER,
    total_pence             INTEGER,
    nhs_pence               INTEGER,
    council_pence           INTEGER,
    person_pence            INTEGER,
    council_owes_nhs_pence  INTEGER,
    person_owes_nhs_pence   INTEGER,
    reconciled_at           TEXT,
    created_at              TEXT NOT NULL,
    created_by              TEXT REFERENCES users(id)
);
CREATE INDEX interim_funding_periods_task ON interim_funding_periods (plan_task_id, from_on);
CREATE INDEX interim_funding_periods_request ON interim_funding_periods (request_id);

-- Inter-agency disputes, partnerships and partnership boards (domain.md §10,
-- §12; issue #17). A partnership is the councils and NHS bodies of one place
-- that agree a local disputes policy (the working days of each stage; NULL
-- means the default of domain/dispute.h) and the small-number rule of their
-- board packs. A dispute is raised by one partner against another about a
-- CHC decision, a joint funding decision, a plan task or a shared care
-- discussion; it moves through the policy's stages, each with a working-day
-- deadline stored when the stage starts, and ends settled (with an outcome,
-- and when a split was agreed the interim funder's payments reconciled to
-- the penny) or withdrawn. Evidence is stored in the database (base64) with
-- its SHA-256. Boards receive aggregates only.

CREATE TABLE partnerships (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    stage1_days     INTEGER CHECK (stage1_days BETWEEN 1 AND 260),
    stage2_days     INTEGER CHECK (stage2_days BETWEEN 1 AND 260),
    stage3_days     INTEGER CHECK (stage3_days BETWEEN 1 AND 260),
    stage4_days     INTEGER CHECK (stage4_days BETWEEN 1 AND 260),
    suppress_max    INTEGER NOT NULL DEFAULT 4 CHECK (suppress_max BETWEEN 0 AND 100), -- counts 1..max hidden; 0 off
    attachment_max_bytes INTEGER NOT NULL DEFAULT 524288 CHECK (attachment_max_bytes BETWEEN 1 AND 1000000),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT REFERENCES users(id)
);

CREATE TABLE partnership_orgs (
    partnership_id  TEXT NOT NULL REFERENCES partnerships(id),
    org_id          TEXT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (partnership_id, org_id)
);
CREATE INDEX partnership_orgs_org ON partnership_orgs (org_id);

CREATE TABLE disputes (
    id                     TEXT PRIMARY KEY,
    partnership_id         TEXT NOT NULL REFERENCES partnerships(id),
    person_id              TEXT NOT NULL REFERENCES persons(id),
    subject_type           TEXT NOT NULL CHECK (subject_type IN
                               ('chc_decision','joint_funding_decision','plan_task','shared_care_discussion')),
    subject_id             TEXT NOT NULL,
    raised_by_org_id       TEXT NOT NULL REFERENCES organisations(id),
    against_org_id         TEXT NOT NULL REFERENCES organisations(id),
    interim_funder_org_id  TEXT NOT NULL REFERENCES organisations(id),
    question               TEXT NOT NULL,
    position               TEXT NOT NULL,            -- the raising party's
    against_position       TEXT,                     -- the other party's, once given
    weekly_cost_pence      INTEGER NOT NULL DEFAULT 0 CHECK (weekly_cost_pence >= 0),
    state                  TEXT NOT NULL CHECK (state IN ('open','settled','withdrawn')),
    stage                  INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 4),
    stage_started_on       TEXT NOT NULL,
    stage_deadline         TEXT NOT NULL,
    deadline_estimated     INTEGER NOT NULL DEFAULT 0,
    raised_on              TEXT NOT NULL,
    outcome                TEXT,
    effective_from         TEXT,
    split_nhs              INTEGER,                  -- basis points, when a split was agreed
    split_council          INTEGER,
    split_person           INTEGER,
    closed_on              TEXT,
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             TEXT NOT NULL,
    created_by             TEXT REFERENCES users(id),
    updated_at             TEXT NOT NULL,
    updated_by             TEXT REFERENCES users(id)
);
CREATE INDEX disputes_state ON disputes (state, stage_deadline);
CREATE INDEX disputes_person ON disputes (person_id);
CREATE INDEX disputes_raised_by ON disputes (raised_by_org_id, state);
CREATE INDEX disputes_against ON disputes (against_org_id, state);

CREATE TABLE dispute_events (
    id          TEXT PRIMARY KEY,
    dispute_id  TEXT NOT NULL REFERENCES disputes(id),
    person_id   TEXT NOT NULL REFERENCES persons(id),
    at          TEXT NOT NULL,
    org_id      TEXT REFERENCES organisations(id),
    user_id     TEXT REFERENCES users(id),
    kind        TEXT NOT NULL CHECK (kind IN ('raised','escalated','note','meeting','position','outcome',
                                               'withdrawn','attachment')),
    stage       INTEGER NOT NULL,
    text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at);

CREATE TABLE dispute_attachments (
    id            TEXT PRIMARY KEY,
    dispute_id    TEXT NOT NULL REFERENCES disputes(id),
    person_id     TEXT NOT NULL REFERENCES persons(id),
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,                     -- from the content, never the browser's word
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    content       TEXT NOT NULL,                     -- base64
    org_id        TEXT REFERENCES organisations(id),
    created_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id)
);
CREATE INDEX dispute_attachments_dispute ON dispute_attachments (dispute_id, created_at);

-- The money settled backwards by an outcome with a split: the interim
-- funder paid the whole from effective_from to the day before the outcome.
CREATE TABLE dispute_reconciliations (
    id                      TEXT PRIMARY KEY,
    dispute_id              TEXT NOT NULL UNIQUE REFERENCES disputes(id),
    person_id               TEXT NOT NULL REFERENCES persons(id),
    interim_funder          TEXT NOT NULL CHECK (interim_funder IN ('nhs','council')),
    from_on                 TEXT NOT NULL,
    to_on                   TEXT NOT NULL,
    days                    INTEGER NOT NULL,
    weekly_cost_pence       INTEGER NOT NULL,
    total_pence             INTEGER NOT NULL,
    nhs_pence               INTEGER NOT NULL,
    council_pence           INTEGER NOT NULL,
    person_pence            INTEGER NOT NULL,
    council_owes_nhs_pence  INTEGER NOT NULL,        -- < 0: the NHS owes the council
    reconciled_on           TEXT NOT NULL,
    created_at              TEXT NOT NULL
);
CREATE INDEX dispute_reconciliations_on ON dispute_reconciliations (reconciled_on);

CREATE TABLE boards (
    id              TEXT PRIMARY KEY,
    partnership_id  TEXT NOT NULL REFERENCES partnerships(id),
    name            TEXT NOT NULL,
    first_on        TEXT NOT NULL,                   -- the first meeting
    cycle_days      INTEGER NOT NULL CHECK (cycle_days BETWEEN 1 AND 366),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT REFERENCES users(id)
);

CREATE TABLE board_members (
    board_id    TEXT NOT NULL REFERENCES boards(id),
    user_id     TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (board_id, user_id)
);
CREATE INDEX board_members_user ON board_members (user_id);

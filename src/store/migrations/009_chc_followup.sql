-- After an NHS CHC decision (domain.md §7): reviews of the package (3
-- months after the decision, then at least yearly), the person's challenge
-- to a "not eligible" decision (local resolution with the ICB, then
-- independent review by NHS England), and personal health budgets for
-- people eligible and cared for at home. The next review's due date is
-- derived (domain/chc_review.h) from the decision and the last review, so
-- it is never stored stale.

CREATE TABLE chc_reviews (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES chc_cases(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    due_on       TEXT NOT NULL,        -- YYYY-MM-DD the review was due (for lateness reports)
    reviewed_on  TEXT NOT NULL,        -- YYYY-MM-DD
    outcome      TEXT NOT NULL CHECK (outcome IN ('no_change','plan_changed','eligibility_reassessment')),
    notes        TEXT NOT NULL DEFAULT '',
    reviewed_by  TEXT REFERENCES users(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX chc_reviews_case ON chc_reviews (case_id, reviewed_on);

CREATE TABLE chc_challenges (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES chc_cases(id),
    person_id     TEXT NOT NULL REFERENCES persons(id),
    decision_id   TEXT NOT NULL REFERENCES chc_decisions(id),   -- the decision challenged
    stage         TEXT NOT NULL CHECK (stage IN ('local_resolution','independent_review')),
    parent_id     TEXT REFERENCES chc_challenges(id),           -- independent review: its local resolution
    letter_on     TEXT NOT NULL,       -- YYYY-MM-DD the letter the 6 months run from
    requested_on  TEXT NOT NULL,
    deadline_on   TEXT NOT NULL,       -- letter_on + 6 months
    late          INTEGER NOT NULL DEFAULT 0,
    late_reason   TEXT,
    requested_by  TEXT NOT NULL,       -- the person or their representative, in words
    grounds       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open','concluded')),
    outcome       TEXT CHECK (outcome IN ('upheld','not_upheld','withdrawn')),
    concluded_on  TEXT,
    outcome_note  TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT
);
CREATE INDEX chc_challenges_case ON chc_challenges (case_id, requested_on);
CREATE INDEX chc_challenges_open ON chc_challenges (status, requested_on);

CREATE TABLE personal_health_budgets (
    id                   TEXT PRIMARY KEY,
    case_id              TEXT NOT NULL REFERENCES chc_cases(id),
    person_id            TEXT NOT NULL REFERENCES persons(id),
    management           TEXT NOT NULL CHECK (management IN ('direct_payment','notional','third_party')),
    held_by              TEXT,            -- third-party budgets: the organisation holding it
    weekly_amount_pence  INTEGER NOT NULL CHECK (weekly_amount_pence > 0),
    start_on             TEXT NOT NULL,   -- YYYY-MM-DD
    end_on               TEXT,            -- YYYY-MM-DD, NULL while it runs
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    created_by           TEXT REFERENCES users(id),
    updated_at           TEXT NOT NULL,
    updated_by           TEXT
);
CREATE INDEX personal_health_budgets_case ON personal_health_budgets (case_id, start_on);
CREATE INDEX personal_health_budgets_person ON personal_health_budgets (person_id);

-- Social care personal budgets and direct payments on a care plan
-- (domain.md §9; Care Act 2014 s26, ss31-33; SI 2014/2871).
-- The budget row keeps a snapshot, at agreement, of the weekly personal
-- budget (council share + person's share from apportionment; NHS-funded
-- parts are not in it) and the assessed weekly contribution; reads show the
-- figures from the plan's current apportionment beside it. One budget per
-- plan; one direct payment arrangement per budget, changed in place; its
-- reviews are kept (reg 7: 6 months after the first payment, then at most
-- every 12 months). Money is integer pence; dates are YYYY-MM-DD text.

CREATE TABLE personal_budgets (
    id                         TEXT PRIMARY KEY,
    plan_id                    TEXT NOT NULL UNIQUE REFERENCES care_plans(id),
    person_id                  TEXT NOT NULL REFERENCES persons(id),
    weekly_budget_pence        INTEGER NOT NULL CHECK (weekly_budget_pence >= 0),
    council_weekly_pence       INTEGER NOT NULL CHECK (council_weekly_pence >= 0),
    person_weekly_pence        INTEGER NOT NULL CHECK (person_weekly_pence >= 0),
    weekly_contribution_pence  INTEGER NOT NULL CHECK (weekly_contribution_pence >= 0),
    status                     TEXT NOT NULL CHECK (status IN ('agreed','ended')),
    version                    INTEGER NOT NULL DEFAULT 1,
    created_at                 TEXT NOT NULL,
    created_by                 TEXT REFERENCES users(id),
    updated_at                 TEXT NOT NULL,
    updated_by                 TEXT,
    CHECK (weekly_contribution_pence <= weekly_budget_pence)
);
CREATE INDEX personal_budgets_person ON personal_budgets (person_id);

CREATE TABLE direct_payments (
    id                      TEXT PRIMARY KEY,
    budget_id               TEXT NOT NULL UNIQUE REFERENCES personal_budgets(id),
    plan_id                 TEXT NOT NULL REFERENCES care_plans(id),
    person_id               TEXT NOT NULL REFERENCES persons(id),
    requested_by            TEXT NOT NULL CHECK (requested_by IN ('person','authorised_person')),
    authorised_person_name  TEXT,            -- s32: who requested it for the adult
    capacity_basis          TEXT NOT NULL CHECK (capacity_basis IN ('has_capacity','lacks_capacity')),
    able_to_manage          INTEGER NOT NULL CHECK (able_to_manage IN (0, 1)),
    start_on                TEXT NOT NULL,   -- the first payment
    weekly_amount_pence     INTEGER NOT NULL CHECK (weekly_amount_pence > 0),
    ended_on                TEXT,            -- a review ended it; NULL while it runs
    created_at              TEXT NOT NULL,
    created_by              TEXT REFERENCES users(id),
    updated_at              TEXT NOT NULL,
    updated_by              TEXT
);
CREATE INDEX direct_payments_person ON direct_payments (person_id);

CREATE TABLE direct_payment_reviews (
    id                 TEXT PRIMARY KEY,
    direct_payment_id  TEXT NOT NULL REFERENCES direct_payments(id),
    plan_id            TEXT NOT NULL REFERENCES care_plans(id),
    person_id          TEXT NOT NULL REFERENCES persons(id),
    due_on             TEXT NOT NULL,
    reviewed_on        TEXT NOT NULL,
    outcome            TEXT NOT NULL CHECK (outcome IN ('continue','change','end')),
    notes              TEXT NOT NULL DEFAULT '',
    reviewed_by        TEXT REFERENCES users(id),
    created_at         TEXT NOT NULL
);
CREATE INDEX direct_payment_reviews_dp ON direct_payment_reviews (direct_payment_id, reviewed_on);
CREATE INDEX direct_payment_reviews_person ON direct_payment_reviews (person_id);

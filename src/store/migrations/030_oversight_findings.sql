-- Oversight reviews of delegated health tasks keep what the registered
-- practitioner found, not only the date: one row per review, with the
-- outcome and findings, and the next review date it set.
CREATE TABLE oversight_reviews (
    id              TEXT PRIMARY KEY,
    assignment_id   TEXT NOT NULL REFERENCES care_task_assignments(id),
    plan_id         TEXT NOT NULL REFERENCES care_plans(id),
    person_id       TEXT NOT NULL REFERENCES persons(id),
    reviewed_on     TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('safe_to_continue', 'continue_with_support', 'stop_delegation')),
    findings        TEXT NOT NULL,
    next_review_on  TEXT,
    reviewed_by     TEXT NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX oversight_reviews_assignment ON oversight_reviews (assignment_id, reviewed_on);

-- Issue #14 item 3: designated competency assessors. The org admin of the
-- organisation that delegates names which of its registered practitioners
-- or trainers may assess a competency; only they record or renew one, and
-- the competency names the assessor's account (competencies.assessor_user_id).
CREATE TABLE competency_assessors (
    org_id           TEXT NOT NULL REFERENCES organisations(id),
    user_id          TEXT NOT NULL REFERENCES users(id),
    competency_code  TEXT NOT NULL,
    named_by         TEXT REFERENCES users(id),
    named_at         TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id, competency_code)
);
CREATE INDEX competency_assessors_user ON competency_assessors (user_id, competency_code);

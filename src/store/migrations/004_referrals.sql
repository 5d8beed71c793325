-- The single referral point: referrals, their history, where each route
-- goes (per locality or county-wide) and the trusted assessors whose
-- referrals a receiving team accepts without re-assessing.

CREATE TABLE referral_routes (
    id           TEXT PRIMARY KEY,
    route        TEXT NOT NULL CHECK (route IN ('front_door','crisis_response','reablement','neighbourhood',
                                                'social_care_assessment','chc')),
    locality_id  TEXT REFERENCES localities(id),      -- NULL: county-wide
    team_id      TEXT NOT NULL REFERENCES teams(id),
    UNIQUE (route, locality_id, team_id)
);
CREATE INDEX referral_routes_team ON referral_routes (team_id);

CREATE TABLE trusted_assessors (
    team_id  TEXT NOT NULL REFERENCES teams(id),
    user_id  TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE referrals (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES persons(id),
    source              TEXT NOT NULL CHECK (source IN ('gp','ward','111','family','self','team','other')),
    reason              TEXT NOT NULL,
    urgency             TEXT NOT NULL CHECK (urgency IN ('crisis','urgent','routine')),
    received_at         TEXT NOT NULL,
    due_at              TEXT NOT NULL,
    consent             TEXT NOT NULL CHECK (consent IN ('given','refused','best_interests')),
    referrer_name       TEXT,
    referrer_phone      TEXT,
    referrer_org        TEXT,
    referred_by         TEXT REFERENCES users(id),
    front_door_team_id  TEXT NOT NULL REFERENCES teams(id),
    team_id             TEXT NOT NULL REFERENCES teams(id),   -- who holds it now
    status              TEXT NOT NULL CHECK (status IN ('received','triaged','accepted','closed')),
    route               TEXT,
    outcome             TEXT,          -- first_contact_resolution | accepted
    reassessment        TEXT,          -- required | skipped_trusted_assessor
    returned            INTEGER NOT NULL DEFAULT 0,
    responded_at        TEXT,
    closed_at           TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    created_by          TEXT,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT
);
CREATE INDEX referrals_queue ON referrals (team_id, status, due_at);
CREATE INDEX referrals_person ON referrals (person_id);

CREATE TABLE referral_events (
    id           TEXT PRIMARY KEY,
    referral_id  TEXT NOT NULL REFERENCES referrals(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    at           TEXT NOT NULL,
    user_id      TEXT REFERENCES users(id),
    team_id      TEXT REFERENCES teams(id),
    kind         TEXT NOT NULL,     -- received | triaged | accepted | declined | closed
    detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, at);

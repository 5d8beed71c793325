-- A transfer of care follows its referral (issue 16 item 5): when the
-- receiving team declines the linked referral it goes back to the front
-- door, and the transfer says so ("declined", owned by the front door)
-- until the front door sends it on. A transfer may carry the discharge
-- assessment it was raised on — who assessed, when, and what they found —
-- which the receiving service accepts without a repeat when the assessor
-- is one of its trusted assessors (domain/referral.h).
-- stay_transfers.status is limited by a CHECK constraint, which SQLite
-- cannot alter in place, so each backend has its own section here.

-- @backend sqlite
-- Made anew, as SQLite documents; nothing refers to stay_transfers.
CREATE TABLE stay_transfers_before_follow AS SELECT * FROM stay_transfers;
DROP TABLE stay_transfers;
CREATE TABLE stay_transfers (
    id           TEXT PRIMARY KEY,
    stay_id      TEXT NOT NULL REFERENCES hospital_stays(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    referral_id  TEXT REFERENCES referrals(id),
    kind         TEXT NOT NULL CHECK (kind IN ('reablement','care_act_assessment','care_home',
                                               'community_health','chc_checklist','chc_fast_track')),
    team_id      TEXT REFERENCES teams(id),
    status       TEXT NOT NULL CHECK (status IN ('open','accepted','declined','closed')),
    created_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    assessed_by  TEXT REFERENCES users(id),
    assessed_on  TEXT,
    assessment   TEXT
);
INSERT INTO stay_transfers (id, stay_id, person_id, referral_id, kind, team_id, status, created_by, created_at,
                            updated_at)
    SELECT id, stay_id, person_id, referral_id, kind, team_id, status, created_by, created_at, updated_at
    FROM stay_transfers_before_follow;
DROP TABLE stay_transfers_before_follow;
CREATE INDEX stay_transfers_stay ON stay_transfers (stay_id);

-- @backend postgres
ALTER TABLE stay_transfers DROP CONSTRAINT stay_transfers_status_check;
ALTER TABLE stay_transfers ADD CONSTRAINT stay_transfers_status_check
    CHECK (status IN ('open','accepted','declined','closed'));
ALTER TABLE stay_transfers ADD COLUMN assessed_by TEXT REFERENCES users(id);
ALTER TABLE stay_transfers ADD COLUMN assessed_on TEXT;
ALTER TABLE stay_transfers ADD COLUMN assessment TEXT;

-- @backend all
CREATE INDEX stay_transfers_referral ON stay_transfers (referral_id);

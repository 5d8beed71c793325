-- The shared person record, team caseloads (legitimate relationships),
-- organisations holding a person's data, break-glass grants and the
-- cross-organisation timeline. Person-centred tables carry person_id so they
-- can be distributed by it (docs/scaling.md).

CREATE TABLE persons (
    id                    TEXT PRIMARY KEY,
    nhs_number            TEXT UNIQUE,             -- 10 digits, Modulus 11 checked
    nhs_number_verified   INTEGER NOT NULL DEFAULT 0,  -- traced and verified
    family_name           TEXT NOT NULL,
    given_name            TEXT NOT NULL,
    preferred_name        TEXT,
    family_name_key       TEXT NOT NULL,           -- upper case, for search
    given_name_key        TEXT NOT NULL,
    date_of_birth         TEXT NOT NULL,
    date_of_death         TEXT,
    sex                   TEXT NOT NULL CHECK (sex IN ('female','male','other','unknown')),
    postcode              TEXT,
    address_line1         TEXT,
    address_line2         TEXT,
    town                  TEXT,
    gp_practice_id        TEXT REFERENCES organisations(id),
    phone                 TEXT,
    email                 TEXT,
    main_language         TEXT,
    interpreter_needed    INTEGER NOT NULL DEFAULT 0,
    communication_needs   TEXT,
    objects_to_sharing    INTEGER NOT NULL DEFAULT 0,
    alert_safeguarding    INTEGER NOT NULL DEFAULT 0,
    alert_risk_to_staff   INTEGER NOT NULL DEFAULT 0,
    alert_note            TEXT,
    ltc_count             INTEGER NOT NULL DEFAULT 0,
    efi_deficits          TEXT NOT NULL DEFAULT '',    -- comma-separated eFI deficit codes
    predicted_cost_pence  INTEGER NOT NULL DEFAULT 0,  -- predicted acute cost, next 12 months
    merged_into           TEXT REFERENCES persons(id),
    registered_org_id     TEXT REFERENCES organisations(id),
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL,
    created_by            TEXT,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT
);
CREATE INDEX persons_name_dob ON persons (family_name_key, date_of_birth);
CREATE INDEX persons_dob ON persons (date_of_birth);
CREATE INDEX persons_postcode ON persons (postcode);
CREATE INDEX persons_gp ON persons (gp_practice_id);

CREATE TABLE person_contacts (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons(id),
    name          TEXT NOT NULL,
    relationship  TEXT NOT NULL DEFAULT '',
    phone         TEXT,
    email         TEXT,
    next_of_kin   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_contacts_person ON person_contacts (person_id);

-- Local identifiers, one per organisation (e.g. the council's case number).
CREATE TABLE person_identifiers (
    person_id   TEXT NOT NULL REFERENCES persons(id),
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    identifier  TEXT NOT NULL,
    PRIMARY KEY (person_id, org_id),
    UNIQUE (org_id, identifier)
);

-- Organisations that hold the person's data (decides access under an
-- objection to sharing).
CREATE TABLE person_orgs (
    person_id  TEXT NOT NULL REFERENCES persons(id),
    org_id     TEXT NOT NULL REFERENCES organisations(id),
    since      TEXT NOT NULL,
    PRIMARY KEY (person_id, org_id)
);

CREATE TABLE caseloads (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES persons(id),
    team_id     TEXT NOT NULL REFERENCES teams(id),
    opened_on   TEXT NOT NULL,
    closed_on   TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT
);
CREATE INDEX caseloads_person ON caseloads (person_id, team_id);
CREATE INDEX caseloads_team ON caseloads (team_id, closed_on);

CREATE TABLE break_glass (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES persons(id),
    user_id        TEXT NOT NULL REFERENCES users(id),
    org_id         TEXT NOT NULL REFERENCES organisations(id),
    reason         TEXT NOT NULL,
    granted_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    review_status  TEXT NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending','accepted','flagged')),
    reviewed_by    TEXT REFERENCES users(id),
    reviewed_at    TEXT,
    review_note    TEXT
);
CREATE INDEX break_glass_person_user ON break_glass (person_id, user_id, expires_at);
CREATE INDEX break_glass_review ON break_glass (org_id, review_status);

-- The timeline across organisations; later workflows add their events.
CREATE TABLE person_events (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES persons(id),
    at          TEXT NOT NULL,
    org_id      TEXT REFERENCES organisations(id),
    user_id     TEXT REFERENCES users(id),
    kind        TEXT NOT NULL,
    summary     TEXT NOT NULL
);
CREATE INDEX person_events_person ON person_events (person_id, at);

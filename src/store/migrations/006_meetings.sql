-- Locality multidisciplinary team (MDT) meetings: agenda of people,
-- attendees (attendance grants the relationship for the people on the
-- agenda), notes, decisions with consensus, actions with owners and due
-- dates, and shared care discussions for decisions without consensus.

CREATE TABLE meetings (
    id           TEXT PRIMARY KEY,
    team_id      TEXT NOT NULL REFERENCES teams(id),
    held_on      TEXT NOT NULL,          -- YYYY-MM-DD
    starts_at    TEXT,                   -- HH:MM, UK time
    location     TEXT,
    video_link   TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    created_by   TEXT,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT
);
CREATE INDEX meetings_team ON meetings (team_id, held_on);

CREATE TABLE meeting_items (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    person_id   TEXT NOT NULL REFERENCES persons(id),
    position    INTEGER NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    added_at    TEXT NOT NULL,
    added_by    TEXT,
    UNIQUE (meeting_id, person_id)
);
CREATE INDEX meeting_items_person ON meeting_items (person_id);

CREATE TABLE meeting_attendees (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    user_id     TEXT REFERENCES users(id),
    name        TEXT NOT NULL,
    profession  TEXT NOT NULL,
    org_id      TEXT REFERENCES organisations(id),
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX meeting_attendees_user ON meeting_attendees (user_id);

CREATE TABLE decisions (
    id           TEXT PRIMARY KEY,
    meeting_id   TEXT NOT NULL REFERENCES meetings(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    text         TEXT NOT NULL,
    consensus    INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT
);
CREATE INDEX decisions_meeting ON decisions (meeting_id, person_id);

CREATE TABLE actions (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES meetings(id),
    person_id      TEXT NOT NULL REFERENCES persons(id),
    text           TEXT NOT NULL,
    owner_user_id  TEXT REFERENCES users(id),
    owner_team_id  TEXT REFERENCES teams(id),
    due_on         TEXT NOT NULL,
    done_at        TEXT,
    done_by        TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    created_by     TEXT,
    CHECK ((owner_user_id IS NULL) <> (owner_team_id IS NULL))
);
CREATE INDEX actions_owner_user ON actions (owner_user_id, done_at, due_on);
CREATE INDEX actions_owner_team ON actions (owner_team_id, done_at, due_on);
CREATE INDEX actions_meeting ON actions (meeting_id, person_id);

CREATE TABLE shared_care_discussions (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES persons(id),
    meeting_id     TEXT NOT NULL REFERENCES meetings(id),
    decision_id    TEXT NOT NULL UNIQUE REFERENCES decisions(id),
    question       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','decided')),
    decision_text  TEXT,
    decided_at     TEXT,
    decided_by     TEXT,
    created_at     TEXT NOT NULL,
    created_by     TEXT
);
CREATE INDEX shared_care_person ON shared_care_discussions (person_id);
CREATE INDEX shared_care_status ON shared_care_discussions (status, decided_at);

CREATE TABLE shared_care_participants (
    discussion_id  TEXT NOT NULL REFERENCES shared_care_discussions(id),
    user_id        TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (discussion_id, user_id)
);
CREATE INDEX shared_care_participants_user ON shared_care_participants (user_id);

-- Organisations, teams, users, sessions, API tokens and the audit chain.
-- Portable SQL: TEXT ids and RFC 3339 UTC timestamps, no backend-specific
-- types, so the same text runs on SQLite and PostgreSQL.

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('council','icb','acute_trust','community_trust',
                                              'gp_practice','provider','voluntary')),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (org_id, code)
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations(id),
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('practitioner','team_manager','org_admin',
                                               'privacy_officer','finance','panel_member',
                                               'board_viewer')),
    profession    TEXT NOT NULL DEFAULT 'other',
    password_hash TEXT,
    active        INTEGER NOT NULL DEFAULT 1,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    TEXT,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE user_teams (
    user_id  TEXT NOT NULL REFERENCES users(id),
    team_id  TEXT NOT NULL REFERENCES teams(id),
    PRIMARY KEY (user_id, team_id)
);
CREATE INDEX user_teams_team ON user_teams (team_id);

-- Session ids and API tokens are stored only as SHA-256 hashes.
CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    csrf_token    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    token_hash  TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed logins per username, for slow-down and 429.
CREATE TABLE login_throttle (
    username      TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    first_failure TEXT NOT NULL,
    last_failure  TEXT NOT NULL
);

-- Append-only, hash-chained audit log. seq is assigned by the writer as the
-- head's seq + 1 inside the writing transaction; audit_head holds the last
-- entry so that deleting the newest rows is detected too.
CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    user_id        TEXT,
    org_id         TEXT,
    role           TEXT,
    action         TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT,
    person_id      TEXT,
    basis          TEXT NOT NULL CHECK (basis IN ('relationship','break_glass','system','self','admin','identify')),
    request_id     TEXT,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_person ON audit_log (person_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

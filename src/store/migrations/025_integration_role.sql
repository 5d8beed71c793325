-- The integration account role (issue 16): a hospital's interface engine
-- that feeds admissions, transfers and discharges and reads no person's
-- record. users.role is limited by a CHECK constraint, which SQLite cannot
-- alter in place, so each backend has its own section here (the migration
-- runner keeps only this backend's lines; store/common.c).

-- @backend sqlite
-- SQLite's documented way to change a table's constraints is to make the
-- table anew. The runner holds a transaction, in which PRAGMA foreign_keys
-- cannot be switched off; instead every foreign key check is deferred to
-- the commit: dropping users counts each row that refers to a user as a
-- violation, putting the same ids back clears them, and the commit fails
-- (rolling all of this back) if any is left. No foreign key to users has an
-- ON DELETE action and no trigger or view names users, so nothing else
-- moves.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_before_integration AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations(id),
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('practitioner','team_manager','org_admin',
                                               'privacy_officer','finance','panel_member',
                                               'board_viewer','integration')),
    profession    TEXT NOT NULL DEFAULT 'other',
    password_hash TEXT,
    active        INTEGER NOT NULL DEFAULT 1,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    TEXT,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT
);
INSERT INTO users (id, org_id, username, display_name, role, profession, password_hash, active, version,
                   created_at, created_by, updated_at, updated_by)
    SELECT id, org_id, username, display_name, role, profession, password_hash, active, version,
           created_at, created_by, updated_at, updated_by
    FROM users_before_integration;
DROP TABLE users_before_integration;
CREATE INDEX users_org ON users (org_id);

-- @backend postgres
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('practitioner','team_manager','org_admin',
                                                                  'privacy_officer','finance','panel_member',
                                                                  'board_viewer','integration'));

-- @backend all
-- What an HTTP hospital event arrived as: ER7 text or a JSON event.
ALTER TABLE hl7_messages ADD COLUMN format TEXT NOT NULL DEFAULT 'er7' CHECK (format IN ('er7','json'));

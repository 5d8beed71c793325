-- Localities: the places a county's integrated neighbourhood working is
-- organised by. GP practices and locality teams belong to one; a person's
-- locality is their GP practice's (case-finding cohorts, MDT meetings).

CREATE TABLE localities (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

ALTER TABLE organisations ADD COLUMN locality_id TEXT REFERENCES localities(id);
ALTER TABLE teams ADD COLUMN locality_id TEXT REFERENCES localities(id);
CREATE INDEX organisations_locality ON organisations (locality_id);
CREATE INDEX teams_locality ON teams (locality_id);

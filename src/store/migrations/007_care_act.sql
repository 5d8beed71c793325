-- Care Act 2014 needs assessments (SI 2015/313): adults (reg 2) and carers
-- (reg 3). Answers are kept as entered, a draft may be incomplete (save
-- and return); the determination computed by the domain rule and the
-- assessor's confirmation are both kept once completed.
-- Booleans are 1/0, NULL while not answered; outcomes is JSON text
-- {"<outcome key>": ["<ground>", …]} (an empty list: can achieve it; a
-- missing key: not answered yet); wellbeing is a JSON array of area keys.

CREATE TABLE care_act_assessments (
    id                               TEXT PRIMARY KEY,
    person_id                        TEXT NOT NULL REFERENCES persons(id),
    kind                             TEXT NOT NULL CHECK (kind IN ('adult','carer')),
    status                           TEXT NOT NULL CHECK (status IN ('draft','completed','authorised')),
    org_id                           TEXT NOT NULL REFERENCES organisations(id),
    team_id                          TEXT REFERENCES teams(id),
    assessor_id                      TEXT NOT NULL REFERENCES users(id),
    impairment_or_illness            INTEGER,      -- adults
    needs_arise_from_caring          INTEGER,      -- carers
    health_deteriorating_or_at_risk  INTEGER,      -- carers
    outcomes                         TEXT NOT NULL DEFAULT '{}',
    significant_impact               INTEGER,
    wellbeing                        TEXT,
    person_views                     TEXT,
    notes                            TEXT,
    computed_eligible                INTEGER,
    computed_outcomes_unable         INTEGER,
    computed_reasons                 TEXT,
    assessor_agrees                  INTEGER,
    assessor_reason                  TEXT,
    eligible                         INTEGER,      -- the determination as confirmed by the assessor
    completed_at                     TEXT,
    authorised_by                    TEXT REFERENCES users(id),
    authorised_at                    TEXT,
    version                          INTEGER NOT NULL DEFAULT 1,
    created_at                       TEXT NOT NULL,
    created_by                       TEXT,
    updated_at                       TEXT NOT NULL,
    updated_by                       TEXT
);
CREATE INDEX care_act_assessments_person ON care_act_assessments (person_id, created_at);
CREATE INDEX care_act_assessments_assessor ON care_act_assessments (assessor_id, status);
CREATE INDEX care_act_assessments_team ON care_act_assessments (team_id, status);

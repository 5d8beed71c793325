-- Upserts on person tables name person_id in their conflict target, so the
-- same statement works where unique keys must include the distribution
-- column (Citus: src/store/citus.h, docs/scaling.md). Each index is the
-- existing unique key with person_id in front; the existing keys stay, so
-- nothing about what may be stored changes.
CREATE UNIQUE INDEX IF NOT EXISTS stay_teams_person_key ON stay_teams (person_id, stay_id, team_id);
CREATE UNIQUE INDEX IF NOT EXISTS direct_payments_person_budget_key ON direct_payments (person_id, budget_id);

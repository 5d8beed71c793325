-- The front door keeps sight of the referrals it triaged until the
-- receiving team accepts them: its list and the access rule look them up
-- by front door and status.
CREATE INDEX referrals_front_door ON referrals (front_door_team_id, status, due_at);

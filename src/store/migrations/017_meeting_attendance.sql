-- Issue #14 item 1: attending a meeting grants a relationship only to
-- direct-care staff of the partnership's organisations (grants_access, set
-- by the domain rule when the attendee is added), and an attendee added
-- from outside the meeting's team is a self-claimed relationship the
-- privacy officer reviews, as break-glass is.
ALTER TABLE meeting_attendees ADD COLUMN grants_access INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting_attendees ADD COLUMN self_claimed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting_attendees ADD COLUMN added_by TEXT REFERENCES users(id);
ALTER TABLE meeting_attendees ADD COLUMN added_by_org TEXT REFERENCES organisations(id);
ALTER TABLE meeting_attendees ADD COLUMN added_at TEXT;
ALTER TABLE meeting_attendees ADD COLUMN review_status TEXT NOT NULL DEFAULT 'not_needed'
    CHECK (review_status IN ('not_needed', 'pending', 'accepted', 'flagged'));
ALTER TABLE meeting_attendees ADD COLUMN reviewed_by TEXT REFERENCES users(id);
ALTER TABLE meeting_attendees ADD COLUMN reviewed_at TEXT;
ALTER TABLE meeting_attendees ADD COLUMN review_note TEXT;
UPDATE meeting_attendees SET grants_access = 1 WHERE user_id IN (SELECT u.id FROM users u
    JOIN organisations o ON o.id = u.org_id WHERE u.role IN ('practitioner', 'team_manager')
    AND o.type IN ('council', 'icb', 'acute_trust', 'community_trust', 'gp_practice'));
CREATE INDEX meeting_attendees_claims ON meeting_attendees (self_claimed, review_status);

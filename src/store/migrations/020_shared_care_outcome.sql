-- Issue #14 item 2: the governing board sees a shared care discussion's
-- coded outcome and counts only, never its question or decision text.
-- Discussions decided before this have no code ('other' for the board).
ALTER TABLE shared_care_discussions ADD COLUMN outcome TEXT;
UPDATE shared_care_discussions SET outcome = 'other' WHERE status = 'decided';

-- Moves into a care home count against "still at home 91 days after
-- discharge into reablement" (ASCOF 2B(1); domain/reablement.h). The
-- reablement team records the date when it knows it (usually as the
-- episode ends); a later hospital stay discharged on pathway 3 (to a care
-- home) is the other source, read from hospital_stays.
ALTER TABLE reablement_episodes ADD COLUMN care_home_on TEXT;

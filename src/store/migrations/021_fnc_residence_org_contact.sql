-- Issue #14 item 6: an FNC decision records where the person lives (FNC is
-- paid only for a person in a care home with nursing), and the decision
-- letter carries the ICB's address and contact details for a review request.
ALTER TABLE chc_decisions ADD COLUMN residence TEXT;
ALTER TABLE organisations ADD COLUMN address TEXT;
ALTER TABLE organisations ADD COLUMN phone TEXT;
ALTER TABLE organisations ADD COLUMN email TEXT;

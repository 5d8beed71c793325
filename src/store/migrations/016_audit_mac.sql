-- Keyed audit entries (issue #20): mac is "<key id>:<HMAC-SHA-256 hex>" of
-- the entry's hash under a key kept outside the database (src/audit/keyring.c),
-- so only the key holder can extend the chain. NULL for entries written
-- without a key (before one was created).
ALTER TABLE audit_log ADD COLUMN mac TEXT;

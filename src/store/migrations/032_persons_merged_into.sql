-- A person's access log also lists the reads of records merged into them:
-- finding those records is an index lookup, not a scan of every person.
-- Partial: almost no person is merged.
CREATE INDEX IF NOT EXISTS persons_merged_into ON persons (merged_into) WHERE merged_into IS NOT NULL;

-- Bank holidays as data (England and Wales), so a new year's holidays are
-- added by an admin without a new binary. Working-day rules (referral due
-- times, KPIs, dispute deadlines) read them from here. A year is "complete"
-- once its whole list is loaded; days in years not complete are still
-- holidays, but those years are only estimated (weekends and the known days).
-- Seeded with the years published on gov.uk/bank-holidays when this was written.

CREATE TABLE bank_holidays (
    day         TEXT PRIMARY KEY,          -- YYYY-MM-DD
    name        TEXT NOT NULL,
    added_by    TEXT REFERENCES users(id),  -- NULL: seeded
    added_at    TEXT NOT NULL
);

CREATE TABLE bank_holiday_years (
    year        INTEGER PRIMARY KEY,
    marked_by   TEXT REFERENCES users(id),  -- NULL: seeded
    marked_at   TEXT NOT NULL
);

INSERT INTO bank_holidays (day, name, added_at) VALUES
    ('2024-01-01', 'New Year''s Day', '2026-12-02T00:00:00.000Z'),
    ('2024-03-29', 'Good Friday', '2026-12-02T00:00:00.000Z'),
    ('2024-04-01', 'Easter Monday', '2026-12-02T00:00:00.000Z'),
    ('2024-05-06', 'Early May bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2024-05-27', 'Spring bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2024-08-26', 'Summer bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2024-12-25', 'Christmas Day', '2026-12-02T00:00:00.000Z'),
    ('2024-12-26', 'Boxing Day', '2026-12-02T00:00:00.000Z'),
    ('2025-01-01', 'New Year''s Day', '2026-12-02T00:00:00.000Z'),
    ('2025-04-18', 'Good Friday', '2026-12-02T00:00:00.000Z'),
    ('2025-04-21', 'Easter Monday', '2026-12-02T00:00:00.000Z'),
    ('2025-05-05', 'Early May bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2025-05-26', 'Spring bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2025-08-25', 'Summer bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2025-12-25', 'Christmas Day', '2026-12-02T00:00:00.000Z'),
    ('2025-12-26', 'Boxing Day', '2026-12-02T00:00:00.000Z'),
    ('2026-01-01', 'New Year''s Day', '2026-12-02T00:00:00.000Z'),
    ('2026-04-03', 'Good Friday', '2026-12-02T00:00:00.000Z'),
    ('2026-04-06', 'Easter Monday', '2026-12-02T00:00:00.000Z'),
    ('2026-05-04', 'Early May bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2026-05-25', 'Spring bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2026-08-31', 'Summer bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2026-12-25', 'Christmas Day', '2026-12-02T00:00:00.000Z'),
    ('2026-12-28', 'Boxing Day (substitute day)', '2026-12-02T00:00:00.000Z'),
    ('2027-01-01', 'New Year''s Day', '2026-12-02T00:00:00.000Z'),
    ('2027-03-26', 'Good Friday', '2026-12-02T00:00:00.000Z'),
    ('2027-03-29', 'Easter Monday', '2026-12-02T00:00:00.000Z'),
    ('2027-05-03', 'Early May bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2027-05-31', 'Spring bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2027-08-30', 'Summer bank holiday', '2026-12-02T00:00:00.000Z'),
    ('2027-12-27', 'Christmas Day (substitute day)', '2026-12-02T00:00:00.000Z'),
    ('2027-12-28', 'Boxing Day (substitute day)', '2026-12-02T00:00:00.000Z');

INSERT INTO bank_holiday_years (year, marked_at) VALUES
    (2024, '2026-12-02T00:00:00.000Z'), (2025, '2026-12-02T00:00:00.000Z'),
    (2026, '2026-12-02T00:00:00.000Z'), (2027, '2026-12-02T00:00:00.000Z');

ALTER TABLE referrals ADD COLUMN due_estimated INTEGER NOT NULL DEFAULT 0;

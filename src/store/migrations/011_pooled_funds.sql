-- Pooled budgets under NHS Act 2006 s75 (domain.md §9): partners (NHS
-- bodies and councils) contribute to a fund hosted by one of them; the
-- agreement (SI 2000/617 reg 7) sets the aims, contributions, services,
-- host, pool manager, reporting and the risk share of an over/underspend.
-- Spend is charged at service level: these tables hold no personal data.
-- The budget is the sum of the contributions; spend to date, the variance
-- and each partner's share are derived (domain/pooled_fund.h), never stored.

CREATE TABLE pooled_funds (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    aims          TEXT NOT NULL DEFAULT '',
    year_start    TEXT NOT NULL,        -- YYYY-MM-DD, first day of the financial year
    year_end      TEXT NOT NULL,        -- YYYY-MM-DD, last day
    host_org_id   TEXT NOT NULL REFERENCES organisations(id),
    manager_id    TEXT REFERENCES users(id),   -- the pool manager
    risk_share    TEXT NOT NULL CHECK (risk_share IN ('contribution_ratio','fixed_percentage','capped')),
    reporting     TEXT NOT NULL DEFAULT 'quarterly' CHECK (reporting IN ('quarterly')),
    version       INTEGER NOT NULL DEFAULT 1,   -- bumped by every contribution and spend entry too
    created_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT
);

CREATE TABLE pooled_fund_partners (
    id          TEXT PRIMARY KEY,
    fund_id     TEXT NOT NULL REFERENCES pooled_funds(id),
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    position    INTEGER NOT NULL,        -- order in the agreement
    share_bp    INTEGER NOT NULL DEFAULT 0 CHECK (share_bp BETWEEN 0 AND 10000),  -- fixed_percentage
    cap_pence   INTEGER NOT NULL DEFAULT 0 CHECK (cap_pence >= 0),                -- capped
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    UNIQUE (fund_id, org_id)
);

CREATE TABLE pooled_fund_contributions (
    id            TEXT PRIMARY KEY,
    fund_id       TEXT NOT NULL REFERENCES pooled_funds(id),
    partner_id    TEXT NOT NULL REFERENCES pooled_fund_partners(id),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    agreed_on     TEXT NOT NULL,         -- YYYY-MM-DD
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id)
);
CREATE INDEX pooled_fund_contributions_fund ON pooled_fund_contributions (fund_id, partner_id);

CREATE TABLE pooled_fund_services (
    id            TEXT PRIMARY KEY,
    fund_id       TEXT NOT NULL REFERENCES pooled_funds(id),
    name          TEXT NOT NULL,
    budget_pence  INTEGER NOT NULL DEFAULT 0 CHECK (budget_pence >= 0),   -- planned, for the by-service table
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    UNIQUE (fund_id, name)
);

CREATE TABLE pooled_fund_spend (
    id            TEXT PRIMARY KEY,
    fund_id       TEXT NOT NULL REFERENCES pooled_funds(id),
    service_id    TEXT NOT NULL REFERENCES pooled_fund_services(id),
    spent_on      TEXT NOT NULL,         -- YYYY-MM-DD, inside the fund's year
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),   -- of the fund's year, from spent_on
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    description   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id)
);
CREATE INDEX pooled_fund_spend_fund ON pooled_fund_spend (fund_id, spent_on);

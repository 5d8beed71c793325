// scripts/layers/person-joins.mjs: the static check that joins between
// person tables name person_id (Citus routing). Table of SQL texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSql, sqlTexts } from '../../scripts/layers/person-joins.mjs';

const cases = [
  // [sql, findings expected]
  ['SELECT 1 FROM care_plan_tasks pt JOIN care_plans cp ON cp.id = pt.plan_id WHERE pt.id = $1', 1],
  ['SELECT 1 FROM care_plan_tasks pt JOIN care_plans cp ON cp.person_id = pt.person_id AND cp.id = pt.plan_id', 0],
  ['SELECT 1 FROM care_plan_tasks pt JOIN care_plans cp ON pt.person_id = cp.person_id AND cp.id = pt.plan_id', 0],
  ['SELECT 1 FROM persons p JOIN caseloads c ON c.person_id = p.id', 0],
  ['SELECT 1 FROM caseloads c JOIN persons p ON p.id = c.person_id', 0],
  ['SELECT 1 FROM caseloads c JOIN persons p ON p.nhs_number = c.note', 1],
  ['SELECT 1 FROM referrals r JOIN teams t ON t.id = r.team_id', 0],
  ['SELECT 1 FROM teams t JOIN referrals r ON r.team_id = t.id', 0],
  ['SELECT 1 FROM care_plans cp LEFT JOIN care_plan_tasks t ON t.plan_id = cp.id', 1],
  ['SELECT 1 FROM care_plans cp JOIN users u ON u.id = cp.owner JOIN care_plan_tasks t ON t.plan_id = cp.id', 1],
  ['SELECT 1 FROM persons p WHERE EXISTS (SELECT 1 FROM caseloads c WHERE c.person_id = p.id AND c.team_id = $1)', 0],
  ['SELECT 1 FROM care_plans cp WHERE EXISTS (SELECT 1 FROM care_plan_tasks t WHERE t.plan_id = cp.id)', 1],
  ['SELECT (SELECT MAX(e.at) FROM referral_events e WHERE e.referral_id = r.id) FROM referrals r', 1],
  ['SELECT (SELECT MAX(e.at) FROM referral_events e WHERE e.person_id = r.person_id AND e.referral_id = r.id) FROM referrals r', 0],
  ['SELECT (SELECT COUNT(*) FROM user_teams ut WHERE ut.team_id = r.team_id) FROM referrals r', 0],
];

test('joins and correlated subqueries between person tables must equate person keys', () => {
  for (const [sql, n] of cases)
    assert.equal(checkSql(sql).length, n, sql);
});

test('SQL texts are read across adjacent literals and macros, with their line', () => {
  const src = 'int x;\nq(db, "SELECT 1 FROM care_plan_tasks pt"\n    " JOIN care_plans cp" COLS\n    " ON cp.id = pt.plan_id", 1);\n';
  const texts = sqlTexts(src);
  assert.equal(texts.length, 1);
  assert.equal(texts[0].line, 2);
  assert.match(texts[0].sql, /JOIN care_plans cp ON cp\.id = pt\.plan_id/);
  assert.equal(checkSql(texts[0].sql).length, 1);
});

// `seamless demo` with people adds CHC cases at every stage: the CHC lead's
// work list shows each stage with its clock (one at risk, breached ones
// first), the same people for the same seed, and the board report counts
// the decided ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, startServer, newDatabase, dropDatabase, cliAsync } from './harness.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'seamless-chc-demo-'));
let srv;
before(async () => {
  const db = newDatabase(dir);
  const r = cli(['demo', '--db', db, '--persons', '2000', '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db, dir });
});
after(async () => { await srv.stop(); srv.cleanup(); rmSync(dir, { recursive: true, force: true }); });

test('demo CHC cases at every stage on the CHC work list', async () => {
  const list = await srv.api('GET', '/api/v1/chc/cases', { token: srv.token('chc.lead') });
  assert.equal(list.status, 200, list.text);
  const items = list.json.items;
  const stages = items.map((i) => `${i.route}:${i.status}:${i.outcome ?? '-'}`).sort();
  assert.deepEqual(stages, ['checklist:assessed:-', 'checklist:assessed:-', 'checklist:awaiting_assessment:-',
    'checklist:awaiting_assessment:-', 'checklist:decided:eligible', 'checklist:decided:not_eligible',
    'checklist:deferred:deferred', 'fast_track:decided:eligible', 'fast_track:decided:eligible',
    'fast_track:decided:eligible']);
  const assessed = items.filter((i) => i.status === 'assessed').map((i) => i.clock.status).sort();
  assert.deepEqual(assessed, ['at_risk', 'breached']);
  assert.equal(items[0].clock.status, 'breached');
  const ne = items.find((i) => i.outcome === 'not_eligible');
  const full = await srv.api('GET', `/api/v1/chc/cases/${ne.id}`, { token: srv.token('chc.lead') });
  assert.equal(full.json.fnc_band, 'standard');
  assert.equal(full.json.clock.within_28_days, true);
  assert.equal(sql(srv.db, "SELECT count(*) FROM chc_checklists WHERE outcome = 'negative'"), '1');
  assert.equal(sql(srv.db, "SELECT count(*) FROM chc_assessments WHERE status = 'draft'"), '1');
  // The nurse who completed the Checklists still sees the open cases' people.
  const open = items.find((i) => i.status === 'awaiting_assessment');
  assert.equal((await srv.api('GET', `/api/v1/persons/${open.person_id}`, { token: srv.token('rn.patel') })).status, 200);
});

test('demo: after the decisions, a budget, a challenge and reviews overdue and due soon', async () => {
  const token = srv.token('chc.lead');
  const overdue = await srv.api('GET', '/api/v1/chc/reviews?state=overdue', { token });
  assert.equal(overdue.status, 200, overdue.text);
  assert.equal(overdue.json.items.length, 1, 'the Fast Track of 100 days ago missed its 3-month review');
  assert.ok(overdue.json.items[0].days_overdue > 0);
  const soon = await srv.api('GET', '/api/v1/chc/reviews?state=due_soon', { token });
  assert.equal(soon.json.items.length, 1);
  assert.ok(soon.json.items[0].last_reviewed_on, 'reviewed once, due again within the month');
  const list = await srv.api('GET', '/api/v1/chc/cases?status=decided', { token });
  const ne = list.json.items.find((i) => i.outcome === 'not_eligible');
  const after1 = await srv.api('GET', `/api/v1/chc/cases/${ne.id}/after-decision`, { token });
  assert.equal(after1.json.challenges.length, 1);
  assert.equal(after1.json.challenges[0].stage, 'local_resolution');
  assert.equal(after1.json.challenges[0].status, 'open');
  const el = list.json.items.find((i) => i.outcome === 'eligible' && i.route === 'checklist');
  const after2 = await srv.api('GET', `/api/v1/chc/cases/${el.id}/after-decision`, { token });
  assert.equal(after2.json.phbs.length, 1);
  assert.equal(after2.json.phbs[0].management, 'direct_payment');
});

test('the same seed gives the same CHC people', async () => {
  const again = newDatabase(dir);
  try {
    assert.equal((await cliAsync(['demo', '--db', again, '--persons', '2000', '--seed', '7'])).status, 0);
    const q = `SELECT p.nhs_number || ':' || c.route || ':' || c.status FROM chc_cases c JOIN persons p
               ON p.id = c.person_id ORDER BY p.nhs_number`;
    assert.equal(sql(again, q), sql(srv.db, q));
  } finally {
    dropDatabase(again);
  }
});

// Issue #14 item 9: a decided case shows its decision and how long it took,
// not a running clock.
test('the work list shows decided cases with their decision and time taken, no clock', async () => {
  const login = await srv.login('chc.lead');
  const html = await (await fetch(`${srv.base}/chc`, { headers: { Cookie: login.cookie } })).text();
  const decided = html.slice(html.indexOf('<h2 class="nhsuk-heading-m">Decided'));
  assert.match(decided, /Decided in \d+ days/);
  assert.match(decided, /Eligible for NHS Continuing Healthcare|Not eligible/);
  assert.doesNotMatch(decided, /days left|days over|Breached|At risk|On time/);
  const open = html.slice(0, html.indexOf('<h2 class="nhsuk-heading-m">Decided'));
  assert.match(open, /Day \d+, \d+ days (left|over)/);
});

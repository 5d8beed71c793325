// Every refusal is audited, through one place (issue #20, item 4): the whole
// route table (src/api/routes.c, API and pages) × one user of every role ×
// (records the demo's staff work on, and a person nobody here has a
// relationship with). Each 403 to a signed-in user must leave exactly one
// refusal entry in the audit log carrying the response's request id — from
// the gatekeeper (a role refused), the access check (no relationship,
// objection), or a handler's own rule (only the ICB decides, panel members
// only, …) — and the walk prints how many refusals it made and audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli, newDatabase } from './harness.mjs';

const USERS = { admin: 'org_admin', 'sw.jones': 'practitioner', 'cw.lee': 'practitioner (another organisation)',
                'tm.khan': 'team_manager', privacy: 'privacy_officer', finance: 'finance', panel: 'panel_member',
                board: 'board_viewer', 'chc.lead': 'practitioner (ICB)' };
const REFUSALS = ['read_denied', 'decide_denied', 'refused'];

let srv, t, ids;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = newDatabase(dir);
  const r = cli(['demo', '--db', db, '--persons', '1500']);   // enough people for the demo's referrals, meetings, CHC
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db, dir });
  t = {};
  for (const u of Object.keys(USERS)) t[u] = srv.token(u);
  const one = (q) => sql(srv.db, q).split('\n')[0] || 'none';
  const first = (table) => one(`SELECT id FROM ${table} ORDER BY id LIMIT 1`);
  // A person, plan and task on sw.jones's caseload, and a person only Homecare Partners knows.
  const mine = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { family_name: 'Walked',
    given_name: 'Jo', date_of_birth: '1944-04-04', sex: 'female', postcode: 'LE11 3AB' } });
  assert.equal(mine.status, 201, mine.text);
  const other = await srv.api('POST', '/api/v1/persons', { token: t['cw.lee'], body: { family_name: 'Elsewhere',
    given_name: 'Al', date_of_birth: '1945-05-05', sex: 'male', postcode: 'LE11 3AB' } });
  assert.equal(other.status, 201, other.text);
  let p = await srv.api('POST', `/api/v1/persons/${mine.json.id}/plans`, { token: t['sw.jones'], body: {
    needs: 'Washing', outcomes: 'Home', start_on: '2026-01-05', review_on: '2027-01-05' } });
  assert.equal(p.status, 201, p.text);
  p = await srv.api('POST', `/api/v1/plans/${p.json.id}/tasks`, { token: t['sw.jones'], body: { version: p.json.version,
    task_code: 'personal_care', calls: 1, per: 'day', minutes_per_call: 30, weekly_cost_pence: 1000,
    accountable_org_id: one("SELECT id FROM organisations WHERE code = 'SCC'") } });
  assert.equal(p.status, 201, p.text);
  ids = {
    persons: mine.json.id, teams: one("SELECT id FROM teams WHERE code = 'ILT-NORTH'"),
    panels: one("SELECT id FROM teams WHERE code = 'JFP'"), users: one("SELECT id FROM users WHERE username = 'sw.jones'"),
    tokens: first('api_tokens'), 'break-glass': first('break_glass'), referrals: first('referrals'),
    'care-act': first('care_act_assessments'), localities: 'NORTH', cohorts: 'NORTH', kind: 'ltc5',
    meetings: first('meetings'), agenda: first('meeting_items'), actions: first('actions'), decisions: first('decisions'),
    'shared-care-discussions': first('shared_care_discussions'), 'shared-care': first('shared_care_discussions'),
    checklists: first('chc_checklists'), 'chc-assessments': first('chc_assessments'), cases: first('chc_cases'),
    challenges: first('chc_challenges'), phbs: first('personal_health_budgets'), plans: p.json.id,
    tasks: p.json.tasks[0].id, assignments: first('care_task_assignments'), competencies: first('competencies'),
    'pooled-funds': first('pooled_funds'), 'joint-funding-requests': first('joint_funding_requests'),
    'training-courses': first('training_courses'), domains: 'breathing', section: 'outcomes',
  };
  ids.unrelated = other.json.id;
});
after(async () => { await srv.stop(); srv.cleanup(); });

function routes() {
  const src = readFileSync('src/api/routes.c', 'utf8');
  return [...src.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)", "([^"]*)", \w+, (PERM_\w+)/g)]
    .map((m) => ({ method: m[1], pattern: m[2], perm: m[3] }));
}

// The pattern with each {param} filled by the record its preceding segment names.
function fill(pattern, world) {
  const segs = pattern.split('/');
  return segs.map((s, i) => {
    if (!s.startsWith('{')) return s;
    let key = segs[i - 1];
    if (key === 'assessments') key = pattern.includes('/chc/') ? 'chc-assessments' : 'care-act';
    if (s === '{kind}') key = 'kind';
    if (key === 'persons' && world === 'none') return ids.unrelated;
    return ids[key] ?? 'none';
  }).join('/');
}

test('every refusal of the route table × every role × (relationship, none) is audited exactly once', async () => {
  const table = routes().filter((r) => r.perm !== 'PERM_PUBLIC');
  assert.ok(table.length > 150, 'the route table was read');
  const refusals = [], failures = [];
  for (const r of table) {
    for (const world of r.pattern.includes('persons/{id}') ? ['relationship', 'none'] : ['relationship']) {
      const url = fill(r.pattern, world);
      for (const u of Object.keys(USERS)) {
        const res = await fetch(srv.base + url, { method: r.method, redirect: 'manual',
          headers: { Authorization: `Bearer ${t[u]}`, ...(r.method === 'GET' ? {} : { 'Content-Type': 'application/json' }) },
          body: r.method === 'GET' ? undefined : '{}' });
        await res.arrayBuffer();
        // No query, an empty body, the wrong role: each answered in words (4xx), never a server failure.
        if (res.status >= 500) failures.push(`${u} ${r.method} ${url}: ${res.status}`);
        if (res.status === 403) refusals.push({ what: `${u} (${USERS[u]}) ${r.method} ${r.pattern} [${world}]`,
                                                rid: res.headers.get('x-request-id') });
      }
    }
  }
  const counted = new Map(sql(srv.db, `SELECT request_id, count(*) FROM audit_trail WHERE action IN
    (${REFUSALS.map((a) => `'${a}'`).join(', ')}) GROUP BY request_id`).split('\n').filter(Boolean)
    .map((line) => { const [rid, c] = line.split('|'); return [rid, Number(c)]; }));
  const wrong = refusals.filter((x) => counted.get(x.rid) !== 1).map((x) => `${x.what}: ${counted.get(x.rid) ?? 0} entries`);
  console.log(`refusals made: ${refusals.length}, audited exactly once: ${refusals.length - wrong.length}`);
  assert.ok(refusals.length > 100, `the walk made refusals (${refusals.length})`);
  assert.deepEqual(wrong, []);
  assert.deepEqual(failures, [], 'no request of the walk is a server failure');
  // A board viewer asking for a person is refused by the gatekeeper, audited with the person.
  const board = refusals.find((x) => x.what.startsWith('board') && x.what.includes('GET /api/v1/persons/{id} '));
  assert.ok(board);
  assert.equal(sql(srv.db, `SELECT action || ':' || resource_type || ':' || person_id FROM audit_trail
    WHERE request_id = '${board.rid}'`), `refused:persons:${ids.persons}`);
});

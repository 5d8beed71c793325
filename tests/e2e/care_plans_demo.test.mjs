// `seamless demo` with people adds care plans: an active plan held by the
// North social work team with its split adding up and delegated stoma care
// whose oversight review is overdue, a draft the council funds nursing in
// (s.22 forbidden: it cannot go active), and competencies expiring and
// expired on the register.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, startServer, newDatabase, TODAY } from './harness.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'seamless-plans-demo-'));
let srv;
before(async () => {
  const db = newDatabase(dir);
  const r = cli(['demo', '--db', db, '--persons', '2000', '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db, dir });
});
after(async () => { await srv.stop(); srv.cleanup(); rmSync(dir, { recursive: true, force: true }); });

test('demo plans: money, s.22, delegation, overdue oversight, competencies', async () => {
  const sw = srv.token('sw.jones');
  const activeId = sql(srv.db, "SELECT id FROM care_plans WHERE status = 'active'");
  const draftId = sql(srv.db, "SELECT id FROM care_plans WHERE status = 'draft'");
  let r = await srv.api('GET', `/api/v1/plans/${activeId}`, { token: sw });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.money.weekly, { total_pence: 28070, nhs_pence: 9450, council_pence: 18620, person_pence: 0 });
  assert.equal(r.json.money.annual.total_pence, 28070 * 52);
  const stoma = r.json.tasks.find((t) => t.task_code === 'stoma_care');
  assert.equal(stoma.assignments[0].worker, 'Casey Lee');
  assert.equal(stoma.assignments[0].delegated, 1);
  r = await srv.api('GET', `/api/v1/plans/${draftId}`, { token: sw });
  assert.equal(r.json.money.s22.verdict, 'forbidden');
  r = await srv.api('PATCH', `/api/v1/plans/${draftId}`, { token: sw, body: { version: r.json.version, status: 'agreed' } });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('PATCH', `/api/v1/plans/${draftId}`, { token: sw, body: { version: r.json.version, status: 'active',
    vfm_call_frequency: 'a', vfm_skill_mix: 'b', vfm_assistive_technology: 'c', vfm_community_resources: 'd' } });
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.errors[0].message, /Wound dressing/);
  r = await srv.api('GET', '/api/v1/oversight-reviews?state=overdue', { token: srv.token('rn.patel') });
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.items[0].plan_id, activeId);
  r = await srv.api('GET', '/api/v1/competencies?state=expiring', { token: sw });
  assert.deepEqual(r.json.items.map((c) => c.worker), ['Jordan Smith']);
  r = await srv.api('GET', '/api/v1/competencies?state=expired', { token: sw });
  assert.deepEqual(r.json.items.map((c) => c.worker), ['Alex Morgan']);
});

// Issue #14 item 8: the demo obeys its own rules — no meeting outcome before
// the meeting, no action due before its meeting; item 1: attendees from
// outside the meeting's team are listed for the privacy officer.
test('demo meetings: outcomes only on or after the meeting, attendance claims listed', async () => {
  const today = sql(srv.db, "SELECT MAX(held_on) FROM meetings WHERE held_on <= '" +
                    TODAY + "'");
  assert.ok(today);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE a.due_on < m.held_on'), '0');
  const future = "(SELECT id FROM meetings WHERE held_on > '" + TODAY + "')";
  assert.equal(sql(srv.db, `SELECT count(*) FROM decisions WHERE meeting_id IN ${future}`), '0');
  assert.equal(sql(srv.db, `SELECT count(*) FROM actions WHERE meeting_id IN ${future}`), '0');
  assert.equal(sql(srv.db, `SELECT count(*) FROM meeting_items WHERE notes <> '' AND meeting_id IN ${future}`), '0');
  const claims = await srv.api('GET', '/api/v1/break-glass?status=pending', { token: srv.token('privacy') });
  assert.equal(claims.status, 200, claims.text);
  assert.ok(claims.json.self_claimed.some((c) => c.attendee_name === 'Sam Jones'));
  // Issue #15: the demo writes its meetings through the services, so each row has its audit entry.
  for (const [table, rtype] of [['meetings', 'meeting'], ['meeting_items', 'meeting_item'], ['decisions', 'decision'],
                                ['actions', 'action'], ['shared_care_discussions', 'shared_care_discussion']]) {
    assert.ok(Number(sql(srv.db, `SELECT count(*) FROM ${table}`)) > 0, table);
    // Not correlated: on Citus the audit log is a coordinator table, which a
    // distributed table may not join directly.
    assert.equal(sql(srv.db, `SELECT count(*) FROM ${table} WHERE id NOT IN (SELECT resource_id FROM audit_log
      WHERE action = 'create' AND resource_type = '${rtype}' AND resource_id IS NOT NULL)`), '0', `${table} audited`);
  }
});

// Care and support plans end-to-end (domain.md §8, §9): a plan with tasks
// from the catalogue, the NHS / council / person split to the penny and the
// s.22 verdict on every read, delegation only with a competency current on
// every day of the assignment, non-delegable tasks kept to registered staff
// of the accountable organisation, oversight of delegated health tasks,
// versions (409 when stale), no relationship 403 and audited, bad input
// naming the field with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from './harness.mjs';

let srv, t, org, user;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'rn.patel', 'ot.evans', 'cw.lee', 'dr.rivers']) t[u] = srv.token(u);
  org = {}; user = {};
  for (const c of ['SCC', 'SCHT', 'SICB', 'HCP', 'RSG']) org[c] = sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  for (const u of ['sw.jones', 'rn.patel', 'ot.evans', 'cw.lee', 'chc.lead']) user[u] = sql(srv.db, `SELECT id FROM users WHERE username = '${u}'`);
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field);
const message = (r, field) => (r.json?.errors ?? []).find((e) => e.field === field)?.message ?? '';

let n = 0;
async function person() {
  n++;
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Planned${n}`, given_name: 'Jo', date_of_birth: '1938-03-1' + (n % 9), sex: 'female',
    postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function plan(token = t['sw.jones']) {
  const pid = await person();
  const r = await srv.api('POST', `/api/v1/persons/${pid}/plans`, { token, body: {
    needs: 'Needs help washing and with a stoma', outcomes: 'Stay at home safely', start_on: day(0),
    review_on: day(90) } });
  assert.equal(r.status, 201, r.text);
  return { pid, plan: r.json };
}

async function addTask(p, body, token = t['sw.jones']) {
  return srv.api('POST', `/api/v1/plans/${p.id}/tasks`, { token, body: { version: p.version, calls: 2, per: 'day',
    minutes_per_call: 30, provider_org_id: org.HCP, ...body } });
}

const vfm = { vfm_call_frequency: 'Two calls, not four: the morning one is longer',
              vfm_skill_mix: 'Care worker trained for stoma care, nurse oversight',
              vfm_assistive_technology: 'Pendant alarm and medication dispenser',
              vfm_community_resources: 'Lunch club on Wednesdays' };

const assign = (p, taskId, body, token = t['sw.jones']) =>
  srv.api('POST', `/api/v1/plans/${p.id}/tasks/${taskId}/assignments`, { token, body: { version: p.version, ...body } });

// "2026-12-02" as messages for people write it: "2 December 2026".
const longDate = (iso) => new Date(iso + 'T12:00:00Z').toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

async function competency(body) {
  const r = await srv.api('POST', '/api/v1/competencies', { token: t['rn.patel'], body: {
    assessed_on: day(-300), evidence: 'Observed practice x3', ...body } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('the catalogue lists common tasks with kind, delegable and competency', async () => {
  const r = await srv.api('GET', '/api/v1/task-catalogue', { token: t['sw.jones'] });
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.json.items.map((x) => [x.code, x]));
  for (const c of ['personal_care', 'meal_preparation', 'medication_prompt', 'medication_administration', 'stoma_care',
                   'catheter_care', 'peg_feeding', 'insulin_administration', 'pressure_area_care', 'wound_dressing'])
    assert.ok(by[c], c);
  assert.equal(by.personal_care.kind, 'social_care');
  assert.equal(by.personal_care.competency_code, null);
  assert.equal(by.stoma_care.kind, 'health');
  assert.equal(by.stoma_care.competency_code, 'stoma_care');
  assert.equal(by.wound_dressing.delegable, 0);
  assert.equal(by.wound_dressing.kind, 'registered_nurse_care');
});

test('a plan shows the split to the penny with odd amounts, weekly and annual', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'personal_care', weekly_cost_pence: 12345, accountable_org_id: org.SCC });
  assert.equal(r.status, 201, r.text);
  r = await addTask(r.json, { task_code: 'stoma_care', weekly_cost_pence: 10001, accountable_org_id: org.SICB,
                              split_unit: 'shares', split_nhs: 1, split_council: 1, split_person: 1 });
  assert.equal(r.status, 201, r.text);
  const p = r.json;
  assert.equal(p.version, 3);
  const [care, stoma] = p.tasks;
  assert.deepEqual(care.weekly, { total_pence: 12345, nhs_pence: 0, council_pence: 12345, person_pence: 0 });
  assert.deepEqual(stoma.weekly, { total_pence: 10001, nhs_pence: 3334, council_pence: 3334, person_pence: 3333 });
  const w = p.money.weekly, a = p.money.annual;
  assert.equal(w.total_pence, 22346);
  assert.equal(w.nhs_pence + w.council_pence + w.person_pence, w.total_pence);
  assert.deepEqual(a, { total_pence: 22346 * 52, nhs_pence: 3334 * 52, council_pence: (12345 + 3334) * 52,
                        person_pence: 3333 * 52 });
  // A health task part-funded by the council and the person is flagged, with reasons.
  assert.equal(p.money.s22.verdict, 'flagged');
  assert.equal(stoma.s22.verdict, 'flagged');
  assert.match(stoma.s22.reason, /s\.22|s\.1\(4\)/);
  assert.equal(care.s22.verdict, 'allowed');
  assert.equal(p.money.s22.flags.length, 1);
  assert.equal(p.money.s22.flags[0].task_id, stoma.id);
});

test('s.22: allowed, flagged, and a forbidden plan cannot be made active (422 naming the task)', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'insulin_administration', weekly_cost_pence: 7000, accountable_org_id: org.SICB });
  assert.equal(r.json.money.s22.verdict, 'allowed', r.text);
  r = await addTask(r.json, { task_code: 'wound_dressing', weekly_cost_pence: 4000, accountable_org_id: org.SCC });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.money.s22.verdict, 'forbidden');
  assert.match(r.json.tasks[1].s22.reason, /registered nurse/);
  let p = r.json;
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: p.version, status: 'agreed',
    ...vfm } });
  assert.equal(r.status, 200, r.text);
  p = r.json;
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: p.version, status: 'active' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['tasks[1]']);
  assert.match(message(r, 'tasks[1]'), /Wound dressing/);
  assert.equal(sql(srv.db, `SELECT status FROM care_plans WHERE id = '${p.id}'`), 'agreed');
  // Fund the nursing by the NHS: then it may go active.
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}/tasks/${p.tasks[1].id}`, { token: t['sw.jones'], body: {
    version: p.version, task_code: 'wound_dressing', calls: 1, per: 'week', minutes_per_call: 45,
    weekly_cost_pence: 4000, accountable_org_id: org.SCHT } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.money.s22.verdict, 'allowed');
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: r.json.version, status: 'active' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'active');
  assert.ok(r.json.versions.length >= 5, 'every change keeps a version row');
  assert.equal(r.headers.get('etag'), `W/"${r.json.version}"`);
});

test('a stale version gets 409 and changes nothing', async () => {
  const { plan: p } = await plan();
  let r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: p.version, needs: 'Updated needs' } });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: p.version, needs: 'Lost update' } });
  assert.equal(r.status, 409, r.text);
  r = await addTask(p, { task_code: 'personal_care', weekly_cost_pence: 100, accountable_org_id: org.SCC });
  assert.equal(r.status, 409, r.text);
  assert.equal(sql(srv.db, `SELECT needs FROM care_plans WHERE id = '${p.id}'`), 'Updated needs');
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM care_plan_tasks WHERE plan_id = '${p.id}'`)), 0);
});

test('assigning needs the competency current on every day of the assignment', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'stoma_care', weekly_cost_pence: 5000, accountable_org_id: org.SICB });
  let p = r.json;
  const task = p.tasks[0].id;
  const from = day(10), to = day(20);
  const base = { worker_name: 'Kim Carer', worker_org_id: org.HCP, from_on: from, to_on: to,
                 practitioner_user_id: user['rn.patel'], oversight_review_on: day(15) };
  // No competency at all.
  r = await assign(p, task, base);
  assert.equal(r.status, 422, r.text);
  assert.match(message(r, 'worker_name'), /Stoma care/);
  // Expired the day before the start.
  await competency({ worker_name: 'Kim Carer', worker_org_id: org.HCP, competency_code: 'stoma_care', expires_on: day(9) });
  r = await assign(p, task, base);
  assert.equal(r.status, 422, r.text);
  assert.match(message(r, 'worker_name'), new RegExp(`Stoma care.*expired on ${longDate(day(9))}`));
  // Expiring mid-assignment.
  await competency({ worker_name: 'Kim Carer', worker_org_id: org.HCP, competency_code: 'stoma_care',
                     assessed_on: day(-5), expires_on: day(15) });
  r = await assign(p, task, base);
  assert.equal(r.status, 422, r.text);
  assert.match(message(r, 'worker_name'), new RegExp(`expired on ${longDate(day(15))}.*${longDate(day(16))}`));
  assert.equal(count('care_task_assignments'), 0);
  // Valid through the end (expires on the last day).
  await competency({ worker_name: 'Kim Carer', worker_org_id: org.HCP, competency_code: 'stoma_care',
                     assessed_on: day(-1), expires_on: to });
  r = await assign(p, task, base);
  assert.equal(r.status, 201, r.text);
  const a = r.json.tasks[0].assignments[0];
  assert.equal(a.worker, 'Kim Carer');
  assert.equal(a.delegated, 1);
  assert.equal(a.practitioner_user_id, user['rn.patel']);
  // A different worker of the same name elsewhere does not share the competency.
  r = await assign(r.json, task, { ...base, worker_org_id: org.SCC });
  assert.equal(r.status, 422, r.text);
});

test('a delegated health task needs an accountable registered practitioner and an oversight review date', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'catheter_care', weekly_cost_pence: 3000, accountable_org_id: org.SICB });
  const p = r.json;
  await competency({ worker_user_id: user['cw.lee'], competency_code: 'catheter_care', expires_on: day(400) });
  r = await assign(p, p.tasks[0].id, { worker_user_id: user['cw.lee'], from_on: day(0), to_on: day(60) });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r).sort(), ['oversight_review_on', 'practitioner_user_id']);
  r = await assign(p, p.tasks[0].id, { worker_user_id: user['cw.lee'], from_on: day(0), to_on: day(60),
                                       practitioner_user_id: user['sw.jones'], oversight_review_on: day(30) });
  assert.deepEqual(fields(r), ['practitioner_user_id'], 'a social worker is not a registered health practitioner');
  r = await assign(p, p.tasks[0].id, { worker_user_id: user['cw.lee'], from_on: day(0), to_on: day(60),
                                       practitioner_user_id: user['rn.patel'], oversight_review_on: day(30) });
  assert.equal(r.status, 201, r.text);
  // A registered nurse doing it is not delegation: no oversight needed.
  await competency({ worker_user_id: user['rn.patel'], competency_code: 'catheter_care', expires_on: day(400) });
  r = await assign(r.json, p.tasks[0].id, { worker_user_id: user['rn.patel'], from_on: day(0), to_on: day(60) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.tasks[0].assignments.find((x) => x.worker_user_id === user['rn.patel']).delegated, 0);
});

test('a non-delegable task goes only to registered staff of the accountable organisation', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'wound_dressing', weekly_cost_pence: 4000, accountable_org_id: org.SCHT });
  const p = r.json;
  const task = p.tasks[0].id;
  await competency({ worker_user_id: user['cw.lee'], competency_code: 'wound_care', expires_on: day(400) });
  r = await assign(p, task, { worker_user_id: user['cw.lee'], from_on: day(0), to_on: day(10),
                              practitioner_user_id: user['rn.patel'], oversight_review_on: day(5) });
  assert.equal(r.status, 422, r.text);
  assert.match(message(r, 'worker_user_id'), /Wound dressing cannot be delegated.*Shire Community Health/);
  const before = count('care_task_assignments');
  await competency({ worker_user_id: user['rn.patel'], competency_code: 'wound_care', expires_on: day(400) });
  r = await assign(p, task, { worker_user_id: user['rn.patel'], from_on: day(0), to_on: day(10) });
  assert.equal(r.status, 201, r.text);
  assert.equal(count('care_task_assignments'), before + 1);
});

test('competency register lists expiring and expired', async () => {
  const exp = await competency({ worker_name: 'Old Cert', worker_org_id: org.HCP, competency_code: 'peg_feeding',
                                 expires_on: day(-1) });
  const soon = await competency({ worker_name: 'Soon Cert', worker_org_id: org.HCP, competency_code: 'peg_feeding',
                                  expires_on: day(20) });
  const later = await competency({ worker_name: 'Later Cert', worker_org_id: org.HCP, competency_code: 'peg_feeding',
                                   expires_on: day(200) });
  let r = await srv.api('GET', '/api/v1/competencies?state=expired', { token: t['rn.patel'] });
  assert.equal(r.status, 200, r.text);
  let ids = r.json.items.map((x) => x.id);
  assert.ok(ids.includes(exp.id) && !ids.includes(soon.id) && !ids.includes(later.id));
  r = await srv.api('GET', '/api/v1/competencies?state=expiring', { token: t['rn.patel'] });
  ids = r.json.items.map((x) => x.id);
  assert.ok(ids.includes(soon.id) && !ids.includes(exp.id) && !ids.includes(later.id));
  assert.equal(r.json.items.find((x) => x.id === soon.id).state, 'expiring');
  r = await srv.api('GET', '/api/v1/competencies?state=soon', { token: t['rn.patel'] });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['state']);
});

test('overdue oversight reviews show up', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'peg_feeding', weekly_cost_pence: 2500, accountable_org_id: org.SICB });
  const p = r.json;
  await competency({ worker_name: 'Pat Feeder', worker_org_id: org.HCP, competency_code: 'peg_feeding',
                     assessed_on: day(-100), expires_on: day(100) });
  r = await assign(p, p.tasks[0].id, { worker_name: 'Pat Feeder', worker_org_id: org.HCP, from_on: day(-30),
                                       to_on: day(30), practitioner_user_id: user['rn.patel'], oversight_review_on: day(-2) });
  assert.equal(r.status, 201, r.text);
  const aid = r.json.tasks[0].assignments[0].id;
  r = await srv.api('GET', '/api/v1/oversight-reviews?state=overdue', { token: t['rn.patel'] });
  assert.equal(r.status, 200, r.text);
  const item = r.json.items.find((x) => x.id === aid);
  assert.ok(item, 'the practitioner sees the overdue review');
  assert.equal(item.state, 'overdue');
  assert.equal(item.oversight_review_on, day(-2));
  // The list is one entry naming its people (audit_people), so the read is found by the person.
  const audited = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${item.person_id}'
    AND resource_type = 'care_task_assignment' AND action = 'read'`));
  assert.ok(item.person_id && audited >= 1, 'the listed person\'s read is audited');
  // The practitioner now has a relationship to the person through the assignment.
  r = await srv.api('GET', `/api/v1/plans/${p.id}`, { token: t['rn.patel'] });
  assert.equal(r.status, 200, r.text);
});

test('no relationship: 403, audited, nothing stored', async () => {
  const { pid, plan: p } = await plan();
  const before = count('care_plans');
  let r = await srv.api('GET', `/api/v1/plans/${p.id}`, { token: t['dr.rivers'] });
  assert.equal(r.status, 403, r.text);
  r = await srv.api('POST', `/api/v1/persons/${pid}/plans`, { token: t['dr.rivers'], body: {
    needs: 'x', outcomes: 'y', start_on: day(0), review_on: day(30) } });
  assert.equal(r.status, 403, r.text);
  assert.equal(count('care_plans'), before);
  const denied = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${pid}' AND action LIKE '%denied%'`));
  assert.ok(denied >= 1, 'the refusal is audited');
});

test('bad input names the field and stores nothing', async () => {
  const pid = await person();
  const before = count('care_plans');
  let r = await srv.api('POST', `/api/v1/persons/${pid}/plans`, { token: t['sw.jones'], body: {
    needs: '', outcomes: 'Stay home', start_on: '2026-02-30', review_on: day(10) } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r).sort(), ['needs', 'start_on']);
  assert.equal(count('care_plans'), before);
  const { plan: p } = await plan();
  const tasks = count('care_plan_tasks');
  r = await addTask(p, { task_code: 'juggling', calls: 0, weekly_cost_pence: -5, accountable_org_id: org.HCP,
                         split_unit: 'basis_points', split_nhs: 5000, split_council: 4000, split_person: 0 });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r).sort(), ['accountable_org_id', 'calls', 'task_code', 'weekly_cost_pence']);
  r = await addTask(p, { task_code: 'personal_care', weekly_cost_pence: 500, accountable_org_id: org.SCC,
                         split_unit: 'basis_points', split_nhs: 5000, split_council: 4000, split_person: 0 });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['split_unit']);
  assert.match(message(r, 'split_unit'), /10000/);
  assert.equal(count('care_plan_tasks'), tasks);
});

test('value for money is recorded before a plan goes active', async () => {
  const { plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'personal_care', weekly_cost_pence: 9999, accountable_org_id: org.SCC });
  r = await srv.api('PATCH', `/api/v1/plans/${p0.id}`, { token: t['sw.jones'], body: { version: r.json.version, status: 'agreed' } });
  assert.equal(r.status, 200, r.text);
  let p = r.json;
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: p.version, status: 'active',
    vfm_call_frequency: 'Considered', vfm_skill_mix: 'Considered', vfm_community_resources: 'Considered' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['vfm_assistive_technology']);
  assert.equal(sql(srv.db, `SELECT status FROM care_plans WHERE id = '${p.id}'`), 'agreed');
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: p.version, status: 'active', ...vfm } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'active');
  assert.equal(r.json.vfm_skill_mix, vfm.vfm_skill_mix);
  // Another organisation's nurse with access (break-glass) cannot end it;
  // the holding team must give a reason (issue #14 item 4).
  const v = r.json.version;
  const bg = await srv.api('POST', `/api/v1/persons/${p.person_id}/break-glass`, { token: t['rn.patel'],
    body: { reason: 'Urgent visit, record needed now' } });
  assert.equal(bg.status, 201, bg.text);
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['rn.patel'],
    body: { version: v, status: 'ended', reason: 'Not my plan to end' } });
  assert.equal(r.status, 403, r.text);
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: v, status: 'ended' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['reason']);
  assert.equal(sql(srv.db, `SELECT status FROM care_plans WHERE id = '${p.id}'`), 'active');
  // An ended plan cannot change.
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'],
    body: { version: v, status: 'ended', reason: 'Moved into a care home' } });
  assert.equal(r.status, 200, r.text);
  assert.match(sql(srv.db, `SELECT change FROM care_plan_versions WHERE plan_id = '${p.id}' ORDER BY version DESC LIMIT 1`),
               /Moved into a care home/);
  r = await srv.api('PATCH', `/api/v1/plans/${p.id}`, { token: t['sw.jones'], body: { version: r.json.version, needs: 'Late edit' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['status']);
});

test('the registered practitioner records the oversight review and sets the next date', async () => {
  const { pid, plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'insulin_administration', weekly_cost_pence: 2100, accountable_org_id: org.SICB });
  await competency({ worker_name: 'Ins Carer', worker_org_id: org.HCP, competency_code: 'insulin_administration',
                     assessed_on: day(-60), expires_on: day(60) });
  r = await assign(r.json, r.json.tasks[0].id, { worker_name: 'Ins Carer', worker_org_id: org.HCP, from_on: day(-20),
    to_on: day(40), practitioner_user_id: user['rn.patel'], oversight_review_on: day(-1) });
  assert.equal(r.status, 201, r.text);
  let p = r.json;
  const aid = p.tasks[0].assignments[0].id;
  const path = `/api/v1/plans/${p.id}/assignments/${aid}/oversight-review`;
  r = await srv.api('POST', path, { token: t['sw.jones'], body: { version: p.version, reviewed_on: day(0), next_review_on: day(28) } });
  assert.equal(r.status, 403, 'a social worker cannot record clinical oversight');
  // The nurse has a relationship as the accountable practitioner.
  r = await srv.api('POST', path, { token: t['rn.patel'], body: { version: p.version, reviewed_on: day(0), next_review_on: day(0) } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['next_review_on']);
  r = await srv.api('POST', path, { token: t['rn.patel'], body: { version: p.version, reviewed_on: day(0), next_review_on: day(28) } });
  assert.equal(r.status, 200, r.text);
  const a = r.json.tasks[0].assignments[0];
  assert.equal(a.oversight_reviewed_on, day(0));
  assert.equal(a.oversight_review_on, day(28));
  r = await srv.api('GET', '/api/v1/oversight-reviews?state=overdue', { token: t['rn.patel'] });
  assert.ok(!r.json.items.some((x) => x.id === aid), 'no longer overdue');
  assert.ok(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${pid}' AND resource_type = 'care_task_assignment' AND action = 'update'`)) >= 1);
});

test('training: courses, attendance, and uptake among workers assigned competency tasks', async () => {
  const board = srv.token('board');
  let r = await srv.api('POST', '/api/v1/training-courses', { token: t['rn.patel'], body: {
    code: 'PEG-1', title: 'PEG feeding for care workers', competency_code: 'peg_feeding' } });
  assert.equal(r.status, 201, r.text);
  const course = r.json;
  r = await srv.api('POST', '/api/v1/training-courses', { token: t['rn.patel'], body: {
    code: 'PEG-1', title: 'Again', competency_code: 'peg_feeding' } });
  assert.equal(r.status, 409, r.text);
  r = await srv.api('POST', '/api/v1/training-courses', { token: t['rn.patel'], body: { code: 'X', title: 'Y', competency_code: 'knitting' } });
  assert.deepEqual(fields(r), ['competency_code']);
  // Two workers doing PEG feeding today (Pat Feeder from the overdue-oversight test, and Tom Tube).
  const { plan: p0 } = await plan();
  r = await addTask(p0, { task_code: 'peg_feeding', weekly_cost_pence: 2500, accountable_org_id: org.SICB });
  await competency({ worker_name: 'Tom Tube', worker_org_id: org.HCP, competency_code: 'peg_feeding', expires_on: day(100) });
  r = await assign(r.json, r.json.tasks[0].id, { worker_name: 'Tom Tube', worker_org_id: org.HCP, from_on: day(-1),
    to_on: day(20), practitioner_user_id: user['rn.patel'], oversight_review_on: day(10) });
  assert.equal(r.status, 201, r.text);
  const peg = async () => (await srv.api('GET', '/api/v1/reports/training-uptake', { token: board })).json
    .by_competency.find((m) => m.competency_code === 'peg_feeding');
  const before = await peg();
  assert.ok(before.denominator >= 2, JSON.stringify(before));
  r = await srv.api('POST', `/api/v1/training-courses/${course.id}/attendance`, { token: t['rn.patel'], body: {
    worker_name: 'Tom Tube', worker_org_id: org.HCP, attended_on: day(-30), completed: true } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.completed, 1);
  // Attended but not completed does not count; nor does training more than 12 months ago.
  await srv.api('POST', `/api/v1/training-courses/${course.id}/attendance`, { token: t['rn.patel'], body: {
    worker_name: 'Pat Feeder', worker_org_id: org.HCP, attended_on: day(-3), completed: false } });
  await srv.api('POST', `/api/v1/training-courses/${course.id}/attendance`, { token: t['rn.patel'], body: {
    worker_name: 'Pat Feeder', worker_org_id: org.HCP, attended_on: day(-400), completed: true } });
  const after = await peg();
  assert.equal(after.denominator, before.denominator);
  assert.equal(after.numerator, before.numerator + 1);
  r = await srv.api('POST', `/api/v1/training-courses/${course.id}/attendance`, { token: t['rn.patel'], body: {
    worker_name: 'Tom Tube', worker_org_id: org.HCP, attended_on: day(3), completed: 'maybe' } });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r).sort(), ['attended_on', 'completed']);
  r = await srv.api('GET', '/api/v1/reports/training-uptake', { token: t['sw.jones'] });
  assert.equal(r.status, 403, 'aggregates are for managers and the board');
});

test('merging a duplicate moves the plans, tasks and assignments to the survivor', async () => {
  const admin = srv.token('admin');
  const { pid: keep } = await plan();
  const { pid: dup, plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'personal_care', weekly_cost_pence: 777, accountable_org_id: org.SCC });
  r = await assign(r.json, r.json.tasks[0].id, { worker_user_id: user['cw.lee'], from_on: day(0), to_on: day(7) });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('POST', `/api/v1/persons/${keep}/merge`, { token: admin, body: { merge_id: dup } });
  assert.equal(r.status, 200, r.text);
  for (const table of ['care_plans', 'care_plan_versions', 'care_plan_tasks', 'care_task_assignments'])
    assert.equal(Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE person_id = '${dup}'`)), 0, table);
  r = await srv.api('GET', `/api/v1/persons/${keep}/plans`, { token: t['sw.jones'] });
  assert.ok(r.json.items.some((x) => x.id === p0.id), 'the duplicate\'s plan is now the survivor\'s');
});

// Issue #14 item 14: the oversight review has a page with findings, linked
// from the nurse's list; the findings are kept and shown with the outcome.
test('the oversight review page records and shows findings', async () => {
  const { pid, plan: p0 } = await plan();
  let r = await addTask(p0, { task_code: 'insulin_administration', weekly_cost_pence: 2100, accountable_org_id: org.SICB });
  await competency({ worker_name: 'Page Carer', worker_org_id: org.HCP, competency_code: 'insulin_administration',
                     assessed_on: day(-60), expires_on: day(60) });
  r = await assign(r.json, r.json.tasks[0].id, { worker_name: 'Page Carer', worker_org_id: org.HCP, from_on: day(-20),
    to_on: day(40), practitioner_user_id: user['rn.patel'], oversight_review_on: day(-1) });
  assert.equal(r.status, 201, r.text);
  const p = r.json, aid = p.tasks[0].assignments[0].id;
  const url = `/plans/${p.id}/assignments/${aid}/oversight-review`;
  const rn = await srv.login('rn.patel'), sw = await srv.login('sw.jones');
  const get = async (s, u) => { const x = await fetch(srv.base + u, { headers: { Cookie: s.cookie } }); return { status: x.status, text: await x.text() }; };
  const post = (s, fields) => fetch(srv.base + url, { method: 'POST', redirect: 'manual', headers: { Cookie: s.cookie,
    Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf_token: s.csrf, ...fields }).toString() });
  assert.ok((await get(rn, '/oversight-reviews?state=overdue')).text.includes(`href="${url}"`), 'linked from the list');
  let pg = await get(rn, url);
  assert.equal(pg.status, 200);
  assert.match(pg.text, /Oversight review: Insulin/);
  assert.match(pg.text, /Page Carer/);
  assert.match(pg.text, /seamless-person-banner/);
  // A social worker sees it but cannot record clinical oversight.
  assert.doesNotMatch((await get(sw, url)).text, /Record the review/);
  assert.equal((await post(sw, { reviewed_on: day(0), outcome: 'safe_to_continue', findings: 'Observed a safe injection',
                                 next_review_on: day(28) })).status, 403);
  const before = Number(sql(srv.db, 'SELECT count(*) FROM oversight_reviews'));
  let res = await post(rn, { reviewed_on: day(1), outcome: '', findings: 'short', next_review_on: '' });
  assert.equal(res.status, 422);
  const bad = await res.text();
  for (const m of [/The date of the review must be today or in the past/, /Choose the outcome of the review/,
                   /Enter what you found, in at least 10 characters/, /Enter the date of the next review/])
    assert.match(bad, m);
  assert.equal(Number(sql(srv.db, 'SELECT count(*) FROM oversight_reviews')), before, 'nothing stored');
  res = await post(rn, { reviewed_on: day(0), outcome: 'continue_with_support',
                         findings: 'Technique good; site rotation needs reminding. Refresher booked.', next_review_on: day(28) });
  assert.equal(res.status, 303, await res.text());
  pg = await get(rn, res.headers.get('location'));
  assert.match(pg.text, /Continue with more support or training/);
  assert.match(pg.text, /site rotation needs reminding/);
  assert.match(pg.text, /By Ravi Patel/);
  assert.equal(sql(srv.db, `SELECT oversight_review_on FROM care_task_assignments WHERE id = '${aid}'`), day(28));
  assert.ok(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${pid}' AND resource_type = 'care_task_assignment' AND action = 'update'`)) >= 1);
});

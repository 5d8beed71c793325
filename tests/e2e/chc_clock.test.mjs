// NHS CHC 28-day clock and KPIs end-to-end: cases back-dated to day
// 20 / 21 / 28 / 29 on the CHC work list (on_time / at_risk / breached,
// across month ends), each listed person's read audited; the board report's
// numerator/denominator on a known set of decided cases, at the > 80% and
// < 15% edges, by month and quarter, without personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, TODAY, addDays, nowMs } from './harness.mjs';

let srv, t, northGp;
const KEYS = ['breathing', 'nutrition', 'continence', 'skin', 'mobility', 'communication', 'psychological',
  'cognition', 'behaviour', 'drug_therapies', 'altered_states'];
const DST_KEYS = [...KEYS, 'other'];
const MDT = [{ name: 'Ravi Patel', profession: 'registered_nurse' }, { name: 'Olivia Evans', profession: 'occupational_therapist' }];

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['rn.patel', 'chc.lead', 'sw.jones', 'board']) t[u] = srv.token(u);
  northGp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
});
after(async () => { await srv.stop(); srv.cleanup(); });

const iso = (d) => d.toISOString().slice(0, 10);
const today = () => TODAY;

let n = 0;
// A person with a case received on `received` (positive Checklist sent).
async function caseReceived(received) {
  n++;
  const p = await srv.api('POST', '/api/v1/persons', { token: t['rn.patel'], body: {
    family_name: `Clock${n}`, given_name: 'Jo', date_of_birth: '1935-07-1' + (n % 9), sex: 'female',
    postcode: 'LE11 3AB', gp_practice_id: northGp } });
  assert.equal(p.status, 201, p.text);
  const doms = Object.fromEntries(KEYS.map((k) => [k, 'C']));
  doms.breathing = 'A';
  const k = await srv.api('POST', `/api/v1/persons/${p.json.id}/chc/checklists`, { token: t['rn.patel'], body: {
    completed_on: received, setting: 'community', domains: doms, send_to_icb: true, received_on: received } });
  assert.equal(k.status, 201, k.text);
  return { pid: p.json.id, caseId: sql(srv.db, `SELECT id FROM chc_cases WHERE person_id = '${p.json.id}'`) };
}

async function assess(c, completedOn, setting = 'community') {
  const r = await srv.api('POST', `/api/v1/persons/${c.pid}/chc/assessments`, { token: t['chc.lead'], body: {
    setting, completed_on: completedOn, mdt: MDT, domains: Object.fromEntries(DST_KEYS.map((k) => [k, 'moderate'])) } });
  assert.equal(r.status, 201, r.text);
}

async function decide(c, decidedOn) {
  const r = await srv.api('POST', `/api/v1/chc/cases/${c.caseId}/decision`, { token: t['chc.lead'], body: {
    outcome: 'eligible', rationale: 'Primary health need: complex and unpredictable', decided_on: decidedOn } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the clock on the CHC work list: day 20 on time, 21 and 28 at risk, 29 breached', async () => {
  const made = {};
  for (const day of [20, 21, 28, 29]) made[day] = await caseReceived(addDays(today(), -day));
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'chc_case'"));
  const list = await srv.api('GET', '/api/v1/chc/cases', { token: t['chc.lead'] });
  assert.equal(list.status, 200, list.text);
  const after = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'chc_case'"));
  assert.equal(after - before, list.json.items.length);
  const byDay = (d) => list.json.items.find((i) => i.id === made[d].caseId);
  const expect = { 20: ['on_time', 8], 21: ['at_risk', 7], 28: ['at_risk', 0], 29: ['breached', -1] };
  for (const [day, [status, left]] of Object.entries(expect)) {
    const it = byDay(day);
    assert.equal(it.clock.status, status, `day ${day}`);
    assert.equal(it.clock.days_elapsed, Number(day));
    assert.equal(it.clock.days_left, left);
    assert.equal(it.clock.due_on, addDays(it.received_on, 28), 'due = receipt + 28 calendar days, across month ends');
  }
  assert.equal(list.json.items[0].clock.status, 'breached', 'breached first');
  const breached = await srv.api('GET', '/api/v1/chc/cases?clock=breached', { token: t['chc.lead'] });
  assert.deepEqual(breached.json.items.map((i) => i.id), [made[29].caseId]);
  const bad = await srv.api('GET', '/api/v1/chc/cases?clock=late&status=lost', { token: t['chc.lead'] });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['clock', 'status']);
  assert.equal((await srv.api('GET', '/api/v1/chc/cases', { token: t['sw.jones'] })).status, 403);
  assert.equal((await srv.api('GET', '/api/v1/chc/cases', { token: t['board'] })).status, 403);
  // A decision on day 29 is late: the decided case shows breached.
  await assess(made[29], today());
  const d = await decide(made[29], today());
  assert.equal(d.clock.within_28_days, false);
  assert.equal(d.clock.status, 'breached');
  // And on day 28 it is within.
  await assess(made[28], today());
  assert.equal((await decide(made[28], today())).clock.within_28_days, true);
  // Decided cases stay on the default list for 30 days after the decision; ?status=decided keeps them all.
  const ids = async (q) => (await srv.api('GET', `/api/v1/chc/cases${q}`, { token: t['chc.lead'] })).json.items.map((i) => i.id);
  assert.ok((await ids('')).includes(made[28].caseId));
  sql(srv.db, `UPDATE chc_cases SET updated_at = '${addDays(today(), -31)}T12:00:00.000Z' WHERE id = '${made[28].caseId}'`);
  assert.ok(!(await ids('')).includes(made[28].caseId));
  assert.ok((await ids('?status=decided')).includes(made[28].caseId));
});

// A month well in the past (not February), so every day 1..31 used exists.
function pastMonth() {
  const d = new Date(nowMs());
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 4);
  if (d.getUTCMonth() === 1) d.setUTCMonth(0);
  return iso(d).slice(0, 7);
}

test('KPIs on a known set of cases: 4 of 5 within 28 days is 80.0% (not met), 5 of 6 is met', async () => {
  const m = pastMonth();
  const day = (dd) => `${m}-${String(dd).padStart(2, '0')}`;
  // [decided on, days from receipt, setting]: receipt often falls in the previous month.
  const known = [[day(5), 28, 'community'], [day(10), 20, 'acute'], [day(15), 5, 'home'], [day(20), 0, 'care_home'],
                 [day(25), 29, 'community']];
  for (const [dec, days, setting] of known) {
    const c = await caseReceived(addDays(dec, -days));
    await assess(c, dec, setting);
    await decide(c, dec);
  }
  // A DST completed in the month on a case still open; an open case received in it, now past day 28.
  const open = await caseReceived(day(3));
  await assess(open, day(6), 'community');
  const url = `/api/v1/reports/chc?from=${day(1)}&to=${day(28)}&by=month`;
  let r = await srv.api('GET', url, { token: t['board'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.periods.length, 1);
  let p = r.json.periods[0];
  assert.equal(p.period, m);
  assert.deepEqual(p.decisions_within_28_days, { numerator: 4, denominator: 5, percent: '80.0%', status: 'not_met',
                                                 target: 'more than 80%' });
  assert.equal(p.open_overdue, 1);
  assert.deepEqual([p.acute_setting_assessments.numerator, p.acute_setting_assessments.denominator], [1, 6]);
  assert.equal(p.acute_setting_assessments.percent, '16.7%');
  assert.equal(p.acute_setting_assessments.status, 'not_met');
  assert.ok(!r.text.includes('Clock'), 'no names in the board report');
  assert.ok(!/person_id|nhs_number/.test(r.text));
  // One more in time, one more community DST: 5/6 = 83.3% met; 1/7 = 14.3% met.
  const c = await caseReceived(addDays(day(26), -27));
  await assess(c, day(26), 'community');
  await decide(c, day(26));
  r = await srv.api('GET', url, { token: t['board'] });
  p = r.json.periods[0];
  assert.deepEqual([p.decisions_within_28_days.numerator, p.decisions_within_28_days.denominator], [5, 6]);
  assert.equal(p.decisions_within_28_days.percent, '83.3%');
  assert.equal(p.decisions_within_28_days.status, 'met');
  assert.equal(p.acute_setting_assessments.percent, '14.3%');
  assert.equal(p.acute_setting_assessments.status, 'met');
  // By quarter: the month's quarter holds at least these; the total equals the sum of periods.
  const q = await srv.api('GET', `/api/v1/reports/chc?from=${day(1)}&to=${today()}&by=quarter`, { token: t['board'] });
  assert.equal(q.status, 200, q.text);
  // Financial-year quarters, as NHS measures report them: April-June is Q1 (issue #14 item 16).
  assert.match(q.json.periods[0].period, /^\d{4}\/\d{2} Q[1-4]$/);
  const [fy1, mo1] = [Number(day(1).slice(0, 4)), Number(day(1).slice(5, 7))];
  const fyStart = mo1 >= 4 ? fy1 : fy1 - 1;
  assert.equal(q.json.periods[0].period,
               `${fyStart}/${String((fyStart + 1) % 100).padStart(2, '0')} Q${Math.floor(((mo1 + 8) % 12) / 3) + 1}`);
  const sum = q.json.periods.reduce((s, x) => s + x.decisions_within_28_days.denominator, 0);
  assert.equal(q.json.total.decisions_within_28_days.denominator, sum);
  assert.ok(sum >= 8);
  const bad = await srv.api('GET', '/api/v1/reports/chc?from=2026-13-01&by=week', { token: t['board'] });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['by', 'from']);
  assert.equal((await srv.api('GET', url, { token: t['rn.patel'] })).status, 403);
});

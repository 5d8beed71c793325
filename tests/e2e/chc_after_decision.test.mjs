// After an NHS CHC decision, end-to-end: reviews 3 months after the
// decision and then yearly (derived due dates, overdue list), the person's
// challenge (local resolution within 6 months of the letter, independent
// review only after it is not upheld, late requests only when accepted),
// personal health budgets for eligible people at home — ICB staff only,
// every read audited, bad input naming the field with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day, addDays, addMonths, daysBetween, NOW, TODAY } from './harness.mjs';

let srv, t, northGp, chcTeam, decider;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['chc.lead', 'sw.jones', 'rn.patel', 'privacy']) t[u] = srv.token(u);
  northGp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  chcTeam = sql(srv.db, "SELECT id FROM teams WHERE code = 'CHC'");
  decider = sql(srv.db, "SELECT id FROM users WHERE username = 'chc.lead'");
});
after(async () => { await srv.stop(); srv.cleanup(); });

// The decision date whose first review (3 months on, month-end clamped) is
// `offset` days from today — or, when no date is exactly 3 months before that
// day (nothing is 3 months before 31 December), the nearest one whose review
// offset still satisfies keep. Returns { decidedOn, due, offset }.
function decidedFor(offset, keep) {
  const target = day(offset);
  const cands = [];
  for (let k = -4; k <= 4; k++) {
    const c = addDays(addMonths(target, -3), k), due = addMonths(c, 3);
    cands.push({ decidedOn: c, due, offset: daysBetween(TODAY, due) });
  }
  cands.sort((a, b) => Math.abs(a.offset - offset) - Math.abs(b.offset - offset));
  const hit = cands.find((x) => x.offset === offset) ?? cands.find((x) => keep(x.offset));
  assert.ok(hit, `no decision date gives a review ${offset} days from ${TODAY}`);
  return hit;
}

let n = 0;
async function person() {
  n++;
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Decided${n}`, given_name: 'Lee', date_of_birth: '1940-02-1' + (n % 9), sex: 'male',
    postcode: 'LE11 3AB', gp_practice_id: northGp } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// A case the ICB's CHC team holds, decided on `decidedOn` (seeded as the
// decision pathway leaves it: case + decision row).
let k = 0;
async function decidedCase({ outcome = 'eligible', decidedOn = day(-10), fnc = 0, funding = null } = {}) {
  const pid = await person();
  k++;
  const cid = `c${String(k).padStart(23, '0')}`, did = `d${String(k).padStart(23, '0')}`;
  const now = NOW;
  sql(srv.db, `INSERT INTO chc_cases (id, person_id, route, status, team_id, received_on, outcome, decided_on,
    decision_id, version, created_at, updated_at) VALUES ('${cid}', '${pid}', 'referral', 'decided', '${chcTeam}',
    '${decidedOn}', '${outcome}', '${decidedOn}', '${did}', 1, '${now}', '${now}')`);
  sql(srv.db, `INSERT INTO chc_decisions (id, case_id, person_id, outcome, fnc, fnc_band, funding, rationale,
    decided_on, decided_by, created_at) VALUES ('${did}', '${cid}', '${pid}', '${outcome}', ${fnc},
    ${fnc ? "'standard'" : 'NULL'}, ${funding ? `'${funding}'` : 'NULL'}, 'MDT recommendation accepted',
    '${decidedOn}', '${decider}', '${now}')`);
  return { cid, pid };
}

const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));
const review = (cid, body, token = t['chc.lead']) =>
  srv.api('POST', `/api/v1/chc/cases/${cid}/reviews`, { token, body });

test('the first review is due 3 months after the decision, then 12 months after each review', async () => {
  const decidedOn = day(-40);
  const { cid } = await decidedCase({ decidedOn });
  const a = await srv.api('GET', `/api/v1/chc/cases/${cid}/after-decision`, { token: t['chc.lead'] });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.next_review.due_on, addMonths(decidedOn, 3));
  assert.equal(a.json.next_review.state, 'scheduled');
  const r = await review(cid, { reviewed_on: day(0), outcome: 'no_change', notes: 'Package meets needs' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.next_review.due_on, addMonths(day(0), 12));
  assert.equal(r.json.reviews[0].due_on, addMonths(decidedOn, 3), 'the review keeps the date it was due');
  assert.equal(r.json.reviews[0].outcome, 'no_change');
});

test('overdue and due-soon reviews are listed for the CHC team, earliest first', async () => {
  const lateAt = decidedFor(-5, (d) => d < 0);                                    // due 5 days ago
  const soonAt = decidedFor(20, (d) => d >= 0 && d <= 28);                         // due in 20 days
  const laterAt = decidedFor(29, (d) => d > 28);                                  // due in 29 days
  const late = await decidedCase({ decidedOn: lateAt.decidedOn });
  const soon = await decidedCase({ decidedOn: soonAt.decidedOn });
  const later = await decidedCase({ decidedOn: laterAt.decidedOn });
  const fnc = await decidedCase({ outcome: 'not_eligible', fnc: 1, decidedOn: decidedFor(-1, (d) => d < 0).decidedOn });
  const council = await decidedCase({ outcome: 'not_eligible', funding: 'council_only',
                                      decidedOn: decidedFor(-30, (d) => d < 0).decidedOn });
  const overdue = await srv.api('GET', '/api/v1/chc/reviews?state=overdue', { token: t['chc.lead'] });
  assert.equal(overdue.status, 200, overdue.text);
  const ids = overdue.json.items.map((i) => i.case_id);
  assert.ok(ids.includes(late.cid) && ids.includes(fnc.cid), 'eligible and FNC cases are reviewed');
  assert.ok(!ids.includes(council.cid), 'a council-only outcome has no NHS review');
  assert.ok(!ids.includes(soon.cid));
  const lateItem = overdue.json.items.find((i) => i.case_id === late.cid);
  assert.equal(lateItem.days_overdue, -lateAt.offset);
  assert.ok(lateItem.family_name);
  const dueSoon = await srv.api('GET', '/api/v1/chc/reviews?state=due_soon', { token: t['chc.lead'] });
  const soonIds = dueSoon.json.items.map((i) => i.case_id);
  assert.ok(soonIds.includes(soon.cid), `${soonAt.offset} days ahead is due soon`);
  assert.ok(!soonIds.includes(later.cid), `${laterAt.offset} days ahead is not yet due soon`);
  const all = await srv.api('GET', '/api/v1/chc/reviews', { token: t['chc.lead'] });
  const dues = all.json.items.map((i) => i.due_on);
  assert.deepEqual(dues, [...dues].sort(), 'earliest due first');
  const audited = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'chc_review_schedule'
    AND person_id = '${late.pid}'`));
  assert.ok(audited >= 1, 'each listed person is audited');
  const bad = await srv.api('GET', '/api/v1/chc/reviews?state=late', { token: t['chc.lead'] });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'state');
  const sw = await srv.api('GET', '/api/v1/chc/reviews', { token: t['sw.jones'] });
  assert.equal(sw.status, 200);
  assert.ok(!sw.json.items.some((i) => i.case_id === late.cid), 'not the social worker\'s cases');
});

test('review input is checked and nothing is stored on failure', async () => {
  const { cid } = await decidedCase({ decidedOn: day(-10) });
  const before = count('chc_reviews');
  const cases = [
    [{ reviewed_on: day(-11), outcome: 'no_change' }, 'reviewed_on'],
    [{ reviewed_on: day(1), outcome: 'no_change' }, 'reviewed_on'],
    [{ reviewed_on: '2026-02-30', outcome: 'no_change' }, 'reviewed_on'],
    [{ outcome: 'no_change' }, 'reviewed_on'],
    [{ reviewed_on: day(0), outcome: 'stop_funding' }, 'outcome'],
  ];
  for (const [body, field] of cases) {
    const r = await review(cid, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.deepEqual(r.json.errors.map((e) => e.field), [field], JSON.stringify(body));
  }
  const council = await decidedCase({ outcome: 'not_eligible', funding: 'council_only' });
  const c = await review(council.cid, { reviewed_on: day(0), outcome: 'no_change' });
  assert.equal(c.status, 422);
  assert.equal(c.json.errors[0].field, 'case');
  const sw = await review(cid, { reviewed_on: day(0), outcome: 'no_change' }, t['sw.jones']);
  assert.equal(sw.status, 403, 'the council social worker (who has a relationship) cannot record an NHS review');
  assert.equal(sw.json.type, 'https://seamless.example/problems/icb-only');
  const nurse = await review(cid, { reviewed_on: day(0), outcome: 'no_change' }, t['rn.patel']);
  assert.equal(nurse.status, 403);
  assert.match(nurse.json.type, /no-legitimate-relationship/);
  assert.equal(count('chc_reviews'), before);
  const none = await review('no-such-case', { reviewed_on: day(0), outcome: 'no_change' });
  assert.equal(none.status, 404);
});

const challenge = (cid, body) => srv.api('POST', `/api/v1/chc/cases/${cid}/challenges`, { token: t['chc.lead'], body: {
  requested_by: 'Daughter, with lasting power of attorney', grounds: 'Behaviour needs were underscored', ...body } });

test('local resolution within 6 months of the letter, then independent review after not upheld', async () => {
  const letter = addMonths(day(-1), -6);     // 6 months and a day ago: today is late
  const { cid } = await decidedCase({ outcome: 'not_eligible', decidedOn: letter });
  const lastDay = addMonths(letter, 6);
  const late = await challenge(cid, { stage: 'local_resolution', requested_on: day(0) });
  assert.equal(late.status, 422, late.text);
  assert.equal(late.json.errors[0].field, 'requested_on');
  assert.match(late.json.errors[0].message, new RegExp(lastDay));
  const ir = await challenge(cid, { stage: 'independent_review', requested_on: day(0) });
  assert.equal(ir.status, 422);
  assert.equal(ir.json.errors[0].field, 'stage', 'independent review needs local resolution first');
  const onTime = await challenge(cid, { stage: 'local_resolution', requested_on: lastDay });
  assert.equal(onTime.status, 201, onTime.text);
  assert.equal(onTime.json.deadline_on, lastDay);
  assert.equal(onTime.json.late, false);
  assert.equal(onTime.json.status, 'open');
  assert.equal(onTime.json.target_on, addMonths(lastDay, 3));
  const twice = await challenge(cid, { stage: 'local_resolution', requested_on: lastDay });
  assert.equal(twice.status, 409);
  const stillOpen = await challenge(cid, { stage: 'independent_review', requested_on: day(0) });
  assert.equal(stillOpen.status, 422);
  assert.equal(stillOpen.json.errors[0].field, 'stage');

  const id = onTime.json.id;
  const stale = await srv.api('POST', `/api/v1/chc/challenges/${id}/outcome`, { token: t['chc.lead'],
    body: { version: 99, outcome: 'not_upheld', concluded_on: day(0) } });
  assert.equal(stale.status, 409);
  const done = await srv.api('POST', `/api/v1/chc/challenges/${id}/outcome`, { token: t['chc.lead'],
    body: { version: onTime.json.version, outcome: 'not_upheld', concluded_on: day(0), note: 'Panel upheld the DST' } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'concluded');
  const again = await srv.api('POST', `/api/v1/chc/challenges/${id}/outcome`, { token: t['chc.lead'],
    body: { version: done.json.version, outcome: 'upheld', concluded_on: day(0) } });
  assert.equal(again.status, 409);
  const review2 = await challenge(cid, { stage: 'independent_review', requested_on: day(0) });
  assert.equal(review2.status, 201, review2.text);
  assert.equal(review2.json.parent_id, id);
  assert.equal(review2.json.letter_on, day(0), 'the 6 months run from the local resolution outcome');
  assert.equal(review2.json.deadline_on, addMonths(day(0), 6));
});

test('a late request needs the ICB to accept it with a reason; eligible decisions are not challenged', async () => {
  const { cid } = await decidedCase({ outcome: 'not_eligible', decidedOn: addMonths(day(-3), -6) });
  const before = count('chc_challenges');
  const noReason = await challenge(cid, { stage: 'local_resolution', requested_on: day(0), late_accepted: true });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.json.errors[0].field, 'late_reason');
  const bad = await challenge(cid, { stage: 'appeal', requested_on: 'soon', requested_by: '', grounds: '' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['grounds', 'requested_by', 'requested_on', 'stage']);
  assert.equal(count('chc_challenges'), before);
  const ok = await challenge(cid, { stage: 'local_resolution', requested_on: day(0), late_accepted: true,
                                    late_reason: 'Letter went to the wrong address' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.late, true);
  const eligible = await decidedCase({ outcome: 'eligible' });
  const e = await challenge(eligible.cid, { stage: 'local_resolution', requested_on: day(0) });
  assert.equal(e.status, 422);
  assert.equal(e.json.errors[0].field, 'case');
});

const phb = (cid, body, token = t['chc.lead']) => srv.api('POST', `/api/v1/chc/cases/${cid}/phb`, { token, body: {
  management: 'direct_payment', weekly_amount_pence: 125000, care_setting: 'home', ...body } });

test('personal health budgets: eligible people at home, one running at a time, amounts in pence', async () => {
  const decidedOn = day(-14);
  const { cid, pid } = await decidedCase({ decidedOn });
  const before = count('personal_health_budgets');
  const cases = [
    [{ start_on: day(-15) }, 'start_on'],
    [{ start_on: decidedOn, care_setting: 'care_home' }, 'care_setting'],
    [{ start_on: decidedOn, weekly_amount_pence: 0 }, 'weekly_amount_pence'],
    [{ start_on: decidedOn, weekly_amount_pence: 12.5 }, 'weekly_amount_pence'],
    [{ start_on: decidedOn, management: 'third_party' }, 'held_by'],
    [{ start_on: decidedOn, management: 'cash' }, 'management'],
  ];
  for (const [body, field] of cases) {
    const r = await phb(cid, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.ok(r.json.errors.some((e) => e.field === field), `${JSON.stringify(body)}: ${r.text}`);
  }
  const fnc = await decidedCase({ outcome: 'not_eligible', fnc: 1 });
  const notEligible = await phb(fnc.cid, { start_on: day(0) });
  assert.equal(notEligible.status, 422);
  assert.equal(notEligible.json.errors[0].field, 'case');
  assert.equal(count('personal_health_budgets'), before);

  const made = await phb(cid, { start_on: decidedOn, management: 'third_party', held_by: 'Shire Independent Living' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.weekly_amount_pence, 125000);
  assert.equal(made.json.held_by, 'Shire Independent Living');
  assert.equal(made.headers.get('etag'), 'W/"1"');
  const second = await phb(cid, { start_on: day(0) });
  assert.equal(second.status, 409);
  const stale = await srv.api('PATCH', `/api/v1/chc/phbs/${made.json.id}`, { token: t['chc.lead'],
    body: { version: 7, weekly_amount_pence: 130000 } });
  assert.equal(stale.status, 409);
  const raised = await srv.api('PATCH', `/api/v1/chc/phbs/${made.json.id}`, { token: t['chc.lead'],
    body: { version: 1, weekly_amount_pence: 130000 } });
  assert.equal(raised.status, 200, raised.text);
  assert.equal(raised.json.weekly_amount_pence, 130000);
  const ended = await srv.api('PATCH', `/api/v1/chc/phbs/${made.json.id}`, { token: t['chc.lead'],
    headers: { 'If-Match': 'W/"2"' }, body: { end_on: day(0) } });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.end_on, day(0));
  const next = await phb(cid, { start_on: day(0), management: 'notional' });
  assert.equal(next.status, 201, 'a new budget once the last has ended');
  const shared = await srv.api('GET', `/api/v1/chc/phbs/${made.json.id}`, { token: t['sw.jones'] });
  assert.equal(shared.status, 200, 'the social worker on the caseload sees the budget on the shared record');
  const stranger = await srv.api('GET', `/api/v1/chc/phbs/${made.json.id}`, { token: t['rn.patel'] });
  assert.equal(stranger.status, 403);
  const reads = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'personal_health_budget'
    AND person_id = '${pid}' AND action = 'read'`));
  assert.ok(reads >= 3, 'reads are audited');
  const writes = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'personal_health_budget'
    AND person_id = '${pid}' AND action IN ('create', 'update')`));
  assert.equal(writes, 4);
});

test('a Fast Track made through the API is reviewed 3 months on and can have a budget', async () => {
  const reg = await srv.api('POST', '/api/v1/persons', { token: t['rn.patel'], body: {
    family_name: 'Tracked', given_name: 'Rene', date_of_birth: '1944-08-08', sex: 'female',
    postcode: 'LE11 3AB', gp_practice_id: northGp } });
  assert.equal(reg.status, 201, reg.text);
  const started = day(-100);
  const ft = await srv.api('POST', `/api/v1/persons/${reg.json.id}/chc/fast-track`, { token: t['rn.patel'], body: {
    reason: 'Rapidly deteriorating, may be entering a terminal phase', date: started } });
  assert.equal(ft.status, 201, ft.text);
  const cid = ft.json.id;
  const a = await srv.api('GET', `/api/v1/chc/cases/${cid}/after-decision`, { token: t['chc.lead'] });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.next_review.due_on, addMonths(started, 3));
  assert.equal(a.json.next_review.state, 'overdue');
  assert.equal(a.json.can_challenge, false);
  const b = await phb(cid, { start_on: started, management: 'notional' });
  assert.equal(b.status, 201, b.text);
  const due = await srv.api('GET', '/api/v1/chc/reviews?state=overdue', { token: t['chc.lead'] });
  assert.ok(due.json.items.some((i) => i.case_id === cid));
});

// Social care personal budgets and direct payments end-to-end (domain.md §9;
// Care Act 2014 s26, ss31-33; SI 2014/2871 reg 7): the budget is the plan's
// council + person share to the penny (NHS-funded parts excluded), the
// contribution cannot exceed it, the direct payment is the budget less the
// contribution, who may request it (s31 capacity / s32 authorised person),
// able to manage, reviews 6 months after the first payment then 12 months,
// the overdue list, who may write (council staff with a relationship),
// stale versions 409, and bad input stores nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, blockAuditWrites, day } from './harness.mjs';
// "2026-12-02" as pages show it: "2 December 2026" (issue #14 item 11).
const longDate = (iso) => new Date(iso + 'T12:00:00Z').toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });


let srv, t, org;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'rn.patel', 'fd.ali', 'dr.rivers']) t[u] = srv.token(u);
  org = {};
  for (const c of ['SCC', 'SICB', 'HCP']) org[c] = sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
});
after(async () => { await srv.stop(); srv.cleanup(); });

// YYYY-MM-DD + n months, the day clamped to the end of a shorter month.
const addMonths = (s, n) => {
  const [y, m, d] = s.split('-').map(Number);
  const t0 = y * 12 + (m - 1) + n, yy = Math.floor(t0 / 12), mm = t0 % 12 + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};
const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field);

let n = 0;
async function plan(token = t['sw.jones']) {
  n++;
  let r = await srv.api('POST', '/api/v1/persons', { token, body: {
    family_name: `Budget${n}`, given_name: 'Lee', date_of_birth: '1941-05-1' + (n % 9), sex: 'male',
    postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  const pid = r.json.id;
  r = await srv.api('POST', `/api/v1/persons/${pid}/plans`, { token, body: {
    needs: 'Help to wash, dress and eat', outcomes: 'Stay at home', start_on: day(-10), review_on: day(90) } });
  assert.equal(r.status, 201, r.text);
  return { pid, p: r.json };
}

async function addTask(p, body, token = t['sw.jones']) {
  const r = await srv.api('POST', `/api/v1/plans/${p.id}/tasks`, { token, body: { version: p.version, calls: 2,
    per: 'day', minutes_per_call: 30, provider_org_id: org.HCP, ...body } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// Personal care 12345p (council), stoma care 10001p split 1:1:1 (NHS 3334, council 3334, person 3333),
// insulin 7000p (NHS only): budget = 12345 + 3334 + 3333 = 19012p a week.
async function oddPlan() {
  const { pid, p: p0 } = await plan();
  let p = await addTask(p0, { task_code: 'personal_care', weekly_cost_pence: 12345, accountable_org_id: org.SCC });
  p = await addTask(p, { task_code: 'stoma_care', weekly_cost_pence: 10001, accountable_org_id: org.SICB,
                         split_unit: 'shares', split_nhs: 1, split_council: 1, split_person: 1 });
  p = await addTask(p, { task_code: 'insulin_administration', weekly_cost_pence: 7000, accountable_org_id: org.SICB });
  return { pid, p };
}

const put = (p, body, token = t['sw.jones']) =>
  srv.api('PUT', `/api/v1/plans/${p.id}/personal-budget`, { token, body });
const dpPerson = { requested_by: 'person', has_capacity: true, able_to_manage: true, start_on: day(-200) };

test('the budget is council + person share to the penny, NHS tasks excluded; annual x52', async () => {
  const { p } = await oddPlan();
  let r = await srv.api('GET', `/api/v1/plans/${p.id}/personal-budget`, { token: t['sw.jones'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.version, null);
  r = await put(p, { weekly_contribution_pence: 4567 });
  assert.equal(r.status, 200, r.text);
  const w = r.json.weekly, a = r.json.annual;
  assert.equal(w.council_share_pence, 15679);
  assert.equal(w.person_share_pence, 3333);
  assert.equal(w.budget_pence, 19012);
  assert.equal(w.nhs_excluded_pence, 10334);
  assert.equal(w.contribution_pence, 4567);
  assert.equal(w.council_pays_pence, 19012 - 4567);
  assert.equal(a.budget_pence, 19012 * 52);
  assert.equal(a.council_pays_pence, (19012 - 4567) * 52);
  assert.equal(r.json.version, 1);
  assert.deepEqual([r.json.agreed.weekly_budget_pence, r.json.agreed.council_weekly_pence,
                    r.json.agreed.person_weekly_pence], [19012, 15679, 3333]);
  assert.equal(r.json.direct_payment, null);
  const audited = sql(srv.db, `SELECT action FROM audit_trail WHERE resource_type = 'personal_budget' ORDER BY seq`);
  assert.match(audited, /create/);
  assert.match(audited, /read/);
});

test('a contribution above the budget is refused (422) and stores nothing; at the budget is allowed', async () => {
  const { p } = await oddPlan();
  const before = count('personal_budgets');
  let r = await put(p, { weekly_contribution_pence: 19013 });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['weekly_contribution_pence']);
  r = await put(p, { weekly_contribution_pence: -1 });
  assert.equal(r.status, 422, r.text);
  r = await put(p, { weekly_contribution_pence: 'lots' });
  assert.equal(r.status, 422, r.text);
  assert.equal(count('personal_budgets'), before);
  r = await put(p, { weekly_contribution_pence: 19012 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.weekly.council_pays_pence, 0);
  // Nothing left to pay: a direct payment makes no sense.
  r = await put(p, { version: 1, weekly_contribution_pence: 19012, direct_payment: dpPerson });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['direct_payment']);
});

test('direct payment = budget - contribution; s31 with capacity, s32 needs a named authorised person', async () => {
  const { p } = await oddPlan();
  let r = await put(p, { weekly_contribution_pence: 2012, direct_payment: { ...dpPerson, has_capacity: false } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['direct_payment.requested_by']);
  r = await put(p, { weekly_contribution_pence: 2012, direct_payment: { ...dpPerson, requested_by: 'authorised_person',
                                                                        has_capacity: false } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['direct_payment.authorised_person_name']);
  r = await put(p, { weekly_contribution_pence: 2012, direct_payment: { ...dpPerson, able_to_manage: false } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['direct_payment.able_to_manage']);
  r = await put(p, { weekly_contribution_pence: 2012, direct_payment: { requested_by: 'carer', start_on: '2026-02-30' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r).sort(), ['direct_payment.able_to_manage', 'direct_payment.has_capacity',
                                      'direct_payment.requested_by', 'direct_payment.start_on']);
  assert.equal(count(`personal_budgets WHERE plan_id = '${p.id}'`), 0);
  assert.equal(count(`direct_payments WHERE plan_id = '${p.id}'`), 0);

  r = await put(p, { weekly_contribution_pence: 2012, direct_payment: dpPerson });
  assert.equal(r.status, 200, r.text);
  let dp = r.json.direct_payment;
  assert.equal(dp.weekly_amount_pence, 17000);
  assert.equal(dp.annual_amount_pence, 17000 * 52);
  assert.equal(dp.requested_by, 'person');
  assert.equal(dp.capacity_basis, 'has_capacity');
  assert.equal(dp.able_to_manage, true);

  // Lacking capacity, with a named authorised person (s32): allowed.
  r = await put(p, { version: r.json.version, weekly_contribution_pence: 2012, direct_payment: {
    ...dpPerson, requested_by: 'authorised_person', authorised_person_name: 'Ann Lee (daughter)', has_capacity: false } });
  assert.equal(r.status, 200, r.text);
  dp = r.json.direct_payment;
  assert.equal(dp.requested_by, 'authorised_person');
  assert.equal(dp.authorised_person_name, 'Ann Lee (daughter)');
  assert.equal(dp.capacity_basis, 'lacks_capacity');
  assert.equal(r.json.version, 2);
  assert.equal(count(`direct_payments WHERE plan_id = '${p.id}'`), 1);

  // Stale version: 409, nothing changes.
  r = await put(p, { version: 1, weekly_contribution_pence: 1000 });
  assert.equal(r.status, 409, r.text);
  r = await srv.api('GET', `/api/v1/plans/${p.id}/personal-budget`, { token: t['sw.jones'] });
  assert.equal(r.json.weekly_contribution_pence, 2012);
});

test('reviews: due 6 months after the first payment, then 12 months after the last; overdue list', async () => {
  const { p } = await oddPlan();
  const start = day(-200);
  let r = await put(p, { weekly_contribution_pence: 1012, direct_payment: { ...dpPerson, start_on: start } });
  assert.equal(r.status, 200, r.text);
  const first = addMonths(start, 6);
  assert.equal(r.json.direct_payment.next_review.due_on, first);
  assert.equal(r.json.direct_payment.next_review.overdue, first < day(0));
  r = await srv.api('GET', '/api/v1/direct-payment-reviews?state=overdue', { token: t['sw.jones'] });
  assert.equal(r.status, 200, r.text);
  let item = r.json.items.find((x) => x.plan_id === p.id);
  assert.ok(item, 'listed as overdue');
  assert.equal(item.due_on, first);
  assert.ok(item.days_overdue > 0);
  // Only the council's staff see the list.
  r = await srv.api('GET', '/api/v1/direct-payment-reviews?state=overdue', { token: t['rn.patel'] });
  assert.equal(r.status, 403, r.text);
  r = await srv.api('GET', '/api/v1/direct-payment-reviews?state=soon', { token: t['sw.jones'] });
  assert.equal(r.status, 422, r.text);

  const reviews = count('direct_payment_reviews');
  const url = `/api/v1/plans/${p.id}/personal-budget/direct-payment-reviews`;
  r = await srv.api('POST', url, { token: t['sw.jones'], body: { reviewed_on: day(1), outcome: 'maybe' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r).sort(), ['outcome', 'reviewed_on']);
  r = await srv.api('POST', url, { token: t['sw.jones'], body: { reviewed_on: day(-201), outcome: 'continue' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['reviewed_on']);
  r = await srv.api('POST', url, { token: t['rn.patel'], body: { reviewed_on: day(-5), outcome: 'continue' } });
  assert.equal(r.status, 403, r.text);
  assert.equal(count('direct_payment_reviews'), reviews);

  r = await srv.api('POST', url, { token: t['sw.jones'], body: { reviewed_on: day(-5), outcome: 'continue',
                                                                  notes: 'Managing well with a payroll service' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.direct_payment.next_review.due_on, addMonths(day(-5), 12));
  assert.equal(r.json.direct_payment.next_review.overdue, false);
  assert.equal(r.json.direct_payment.reviews.length, 1);
  assert.equal(r.json.direct_payment.reviews[0].due_on, first);
  r = await srv.api('GET', '/api/v1/direct-payment-reviews?state=overdue', { token: t['sw.jones'] });
  assert.equal(r.json.items.find((x) => x.plan_id === p.id), undefined);
  r = await srv.api('GET', '/api/v1/direct-payment-reviews', { token: t['sw.jones'] });
  item = r.json.items.find((x) => x.plan_id === p.id);
  assert.equal(item.state, 'scheduled');
  const audited = sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'direct_payment_review' AND action = 'create'`);
  assert.ok(Number(audited) >= 1);
  // A review may end the payment: nothing more is due, it leaves the list, and it cannot be reviewed again.
  r = await srv.api('POST', url, { token: t['sw.jones'], body: { reviewed_on: day(0), outcome: 'end' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.direct_payment.ended_on, day(0));
  assert.equal(r.json.direct_payment.next_review, null);
  r = await srv.api('GET', '/api/v1/direct-payment-reviews', { token: t['sw.jones'] });
  assert.equal(r.json.items.find((x) => x.plan_id === p.id), undefined);
  r = await srv.api('POST', url, { token: t['sw.jones'], body: { reviewed_on: day(0), outcome: 'continue' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['direct_payment']);
});

test('a review needs a direct payment', async () => {
  const { p } = await oddPlan();
  await put(p, { weekly_contribution_pence: 0 });
  const r = await srv.api('POST', `/api/v1/plans/${p.id}/personal-budget/direct-payment-reviews`, {
    token: t['sw.jones'], body: { reviewed_on: day(0), outcome: 'continue' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['direct_payment']);
});

test('who may write: NHS staff 403 even with a relationship; no relationship 403; nothing stored', async () => {
  const { p: nhsPlan } = await plan(t['rn.patel']);
  const before = count('personal_budgets');
  let r = await srv.api('GET', `/api/v1/plans/${nhsPlan.id}/personal-budget`, { token: t['rn.patel'] });
  assert.equal(r.status, 200, r.text);
  r = await put(nhsPlan, { weekly_contribution_pence: 0 }, t['rn.patel']);
  assert.equal(r.status, 403, r.text);
  const { p } = await oddPlan();
  r = await put(p, { weekly_contribution_pence: 0 }, t['fd.ali']);
  assert.equal(r.status, 403, r.text);
  r = await srv.api('GET', `/api/v1/plans/${p.id}/personal-budget`, { token: t['dr.rivers'] });
  assert.equal(r.status, 403, r.text);
  assert.equal(count('personal_budgets'), before);
});

test('the page without JavaScript: linked from the plan, budget and direct payment forms, errors in the summary', async () => {
  const { p } = await oddPlan();
  const sw = await srv.login('sw.jones');
  const form = (url, fields) => fetch(srv.base + url, { method: 'POST', redirect: 'manual', headers: { Cookie: sw.cookie,
    Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const page = async (url) => { const r = await fetch(srv.base + url, { headers: { Cookie: sw.cookie } }); return { status: r.status, text: await r.text() }; };
  assert.match((await page(`/plans/${p.id}`)).text, new RegExp(`/plans/${p.id}/personal-budget`));
  let pg = await page(`/plans/${p.id}/personal-budget`);
  assert.equal(pg.status, 200);
  assert.match(pg.text, /id="no-budget"/);
  assert.match(pg.text, /id="weekly-budget">£190\.12/);
  // No CSRF token: refused, nothing stored.
  let r = await form(`/plans/${p.id}/personal-budget`, { weekly_contribution: '20.12' });
  assert.equal(r.status, 403);
  // A direct payment for someone lacking capacity with no authorised person: the error in the summary, nothing stored.
  r = await form(`/plans/${p.id}/personal-budget`, { csrf_token: sw.csrf, weekly_contribution: '20.12',
    'direct_payment.requested_by': 'person', 'direct_payment.has_capacity': 'no', 'direct_payment.able_to_manage': 'yes',
    'direct_payment.start_on': day(-400) });
  assert.equal(r.status, 422);
  const text = await r.text();
  assert.match(text, /nhsuk-error-summary/);
  assert.match(text, /href="#budget-direct_payment_requested_by"/);
  assert.equal(count(`personal_budgets WHERE plan_id = '${p.id}'`), 0);
  r = await form(`/plans/${p.id}/personal-budget`, { csrf_token: sw.csrf, weekly_contribution: '20.12',
    'direct_payment.requested_by': 'authorised_person', 'direct_payment.authorised_person_name': 'Ann Lee',
    'direct_payment.has_capacity': 'no', 'direct_payment.able_to_manage': 'yes', 'direct_payment.start_on': day(-400) });
  assert.equal(r.status, 303, await r.text());
  pg = await page(`/plans/${p.id}/personal-budget`);
  assert.match(pg.text, /id="dp-amount">£170\.00 a week \(£8,840\.00 a year\)/);
  assert.match(pg.text, /Ann Lee/);
  assert.match(pg.text, new RegExp(`id="review-due">${longDate(addMonths(day(-400), 6))}[^<]*<strong class="nhsuk-tag nhsuk-tag--red">Overdue`));
  r = await form(`/plans/${p.id}/personal-budget/reviews`, { csrf_token: sw.csrf, reviewed_on: day(0), outcome: 'continue', notes: 'Fine' });
  assert.equal(r.status, 303, await r.text());
  pg = await page(`/plans/${p.id}/personal-budget`);
  assert.match(pg.text, new RegExp(`id="review-due">${longDate(addMonths(day(0), 12))}`));
  assert.doesNotMatch(pg.text, /Overdue/);
});

// Last: it blocks the audit log for this server until it drops the trigger.
test('the audit entry is in the write\'s transaction: no audit, no budget', async () => {
  const { p } = await oddPlan();
  blockAuditWrites(srv.db);
  try {
    const r = await put(p, { weekly_contribution_pence: 100, direct_payment: dpPerson });
    // The blocked insert reads as a constraint failure on SQLite (409) or an error (503): refused either way.
    assert.ok([409, 503].includes(r.status), r.text);
  } finally {
    sql(srv.db, srv.db.startsWith('postgres') ? 'DROP TRIGGER block_audit ON audit_log' : 'DROP TRIGGER block_audit');
  }
  assert.equal(count(`personal_budgets WHERE plan_id = '${p.id}'`), 0);
  assert.equal(count(`direct_payments WHERE plan_id = '${p.id}'`), 0);
});

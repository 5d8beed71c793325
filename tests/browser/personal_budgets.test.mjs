// Browser: a social worker opens the plan's personal budget from the plan
// page, agrees the budget with a direct payment requested for an adult
// lacking capacity without naming the authorised person (the error shows in
// the summary and nothing is stored), then names them; the overdue review
// is tagged and recording a review clears it. Every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate } from './browser.mjs';

let srv, browser, plan;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const sw = srv.token('sw.jones');
  const org = (c) => sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  let r = await srv.api('POST', '/api/v1/persons', { token: sw, body: { family_name: 'Mensah', given_name: 'Kofi',
    date_of_birth: '1939-04-05', sex: 'male', postcode: 'LE11 3AB' } });
  r = await srv.api('POST', `/api/v1/persons/${r.json.id}/plans`, { token: sw, body: { needs: 'Washing, meals',
    outcomes: 'Home', start_on: day(-7), review_on: day(90) } });
  r = await srv.api('POST', `/api/v1/plans/${r.json.id}/tasks`, { token: sw, body: { version: r.json.version,
    task_code: 'personal_care', calls: 2, per: 'day', minutes_per_call: 30, provider_org_id: org('HCP'),
    accountable_org_id: org('SCC'), weekly_cost_pence: 25050 } });
  assert.equal(r.status, 201, r.text);
  plan = r.json;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('agree a budget with a direct payment, then review it', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  await page.goto(srv.base + `/plans/${plan.id}`);
  await page.click('text=Personal budget');
  await page.waitForURL(srv.base + `/plans/${plan.id}/personal-budget`);
  assert.deepEqual(await axe(page), []);
  assert.equal((await page.textContent('#weekly-budget')).trim(), '£250.50');
  await page.fill('#budget-weekly_contribution', '50.50');
  await page.selectOption('#budget-dp-by', 'authorised_person');
  await page.selectOption('#budget-direct_payment_has_capacity', 'no');
  await page.selectOption('#budget-direct_payment_able_to_manage', 'yes');
  await fillDate(page, '#budget-direct_payment_start_on', day(-300));
  await page.click('text=Agree the budget');
  assert.match(await page.textContent('.nhsuk-error-summary'), /authorised person/);
  assert.deepEqual(await axe(page), []);
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM personal_budgets WHERE plan_id = '${plan.id}'`)), 0);
  // What was typed and chosen is kept (issue #14 item 13): only the missing name is added.
  assert.equal(await page.inputValue('#budget-weekly_contribution'), '50.50');
  assert.equal(await page.inputValue('#budget-dp-by'), 'authorised_person');
  assert.equal(await page.inputValue('#budget-direct_payment_has_capacity'), 'no');
  assert.equal(await page.inputValue('#budget-direct_payment_able_to_manage'), 'yes');
  assert.equal(await page.inputValue('#budget-direct_payment_start_on-year'), day(-300).slice(0, 4));
  await page.fill('#budget-direct_payment_authorised_person_name', 'Ama Mensah (daughter, LPA)');
  await page.click('text=Agree the budget');
  await page.waitForURL(new RegExp(`/plans/${plan.id}/personal-budget#budget$`));
  assert.match(await page.textContent('#dp-amount'), /£200\.00 a week/);
  assert.match(await page.textContent('#review-due'), /Overdue/);
  assert.deepEqual(await axe(page), []);
  await fillDate(page, '#review-reviewed_on', day(0));
  await page.selectOption('#review-outcome', 'continue');
  await page.click('text=Record the review');
  await page.waitForURL(new RegExp(`/plans/${plan.id}/personal-budget#review$`));
  assert.doesNotMatch(await page.textContent('#review-due'), /Overdue/);
});

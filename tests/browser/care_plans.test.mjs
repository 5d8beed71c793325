// Browser: a social worker opens the person's plans from their record,
// starts a plan (a missing need shows in the error summary), adds a
// stoma-care task with an agreed split, tries to assign it to a provider
// worker whose competency runs out mid-assignment (the message names the
// competency and its expiry), assigns it within the competency, and sees
// the NHS / council / person split weekly and annually; records the value
// for money considered and makes the plan active; the competency
// register lists the expiring record; the pages pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate, longDate } from './browser.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('build a plan, add a task, assign it, see the split', async () => {
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: {
    family_name: 'Hartley', given_name: 'Mo', date_of_birth: '1941-04-04', sex: 'male', postcode: 'LE11 2AB' } });
  assert.equal(r.status, 201, r.text);
  const pid = r.json.id;
  const hcp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'HCP'");
  const icb = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SICB'");
  const nurse = sql(srv.db, "SELECT id FROM users WHERE username = 'rn.patel'");
  const c = await srv.api('POST', '/api/v1/competencies', { token: srv.token('rn.patel'), body: {
    worker_name: 'Kit Carer', worker_org_id: hcp, competency_code: 'stoma_care', assessor_name: 'Ravi Patel RN',
    assessed_on: day(-100), expires_on: day(20) } });
  assert.equal(c.status, 201, c.text);

  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  await page.goto(srv.base + `/persons/${pid}`);
  await page.click('text=Care and support plans');
  await page.waitForURL(srv.base + `/persons/${pid}/plans`);
  assert.deepEqual(await axe(page), []);

  await page.fill('#plan-outcomes', 'Live at home with a stoma, safely');
  await fillDate(page, '#plan-start_on', day(0));
  await fillDate(page, '#plan-review_on', day(90));
  await page.click('form[action$="/plans"] button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /needs/i);
  assert.equal(await page.inputValue('#plan-outcomes'), 'Live at home with a stoma, safely');
  await page.fill('#plan-needs', 'Stoma care twice a day; help washing');
  await page.click('form[action$="/plans"] button[type=submit]');
  await page.waitForURL(/\/plans\/[0-9a-f]+$/);
  assert.deepEqual(await axe(page), []);

  await page.selectOption('#task-task_code', 'stoma_care');
  await page.fill('#task-calls', '2');
  await page.fill('#task-minutes_per_call', '20');
  await page.selectOption('#task-provider_org_id', hcp);
  await page.fill('#task-weekly_cost', '100.01');
  await page.selectOption('#task-accountable_org_id', icb);
  await page.selectOption('#task-split_unit', 'shares');
  await page.fill('#task-split_nhs', '1');
  await page.fill('#task-split_council', '1');
  await page.fill('#task-split_person', '1');
  await page.click('form[action$="/tasks"] button[type=submit]');
  await page.waitForURL(/#task$/);
  const split = await page.textContent('#split');
  assert.match(split, /Weekly\s*£33\.34\s*£33\.34\s*£33\.33\s*£100\.01/);
  assert.match(split, /Annual \(52 weeks\)\s*£1,733\.68\s*£1,733\.68\s*£1,733\.16\s*£5,200\.52/);
  assert.match(await page.textContent('main'), /Care Act s\.22: Stoma care flagged/);
  assert.deepEqual(await axe(page), []);

  // Competency runs out on day(20): an assignment to day(30) is refused.
  const taskId = sql(srv.db, "SELECT id FROM care_plan_tasks WHERE task_code = 'stoma_care'");
  await page.selectOption('#assign-task_id', taskId);
  await page.fill('#assign-worker_name', 'Kit Carer');
  await page.selectOption('#assign-worker_org_id', hcp);
  await fillDate(page, '#assign-from_on', day(1));
  await fillDate(page, '#assign-to_on', day(30));
  await page.selectOption('#assign-practitioner_user_id', nurse);
  await fillDate(page, '#assign-oversight_review_on', day(14));
  await page.click('form[action$="/assign"] button[type=submit]');
  const summary = await page.textContent('.nhsuk-error-summary');
  assert.match(summary, new RegExp(`Stoma care.*expired on ${longDate(day(20))}`));
  assert.deepEqual(await axe(page), []);
  assert.equal(Number(sql(srv.db, 'SELECT count(*) FROM care_task_assignments')), 0);

  await page.selectOption('#assign-task_id', taskId);
  await page.fill('#assign-worker_name', 'Kit Carer');
  await page.selectOption('#assign-worker_org_id', hcp);
  await fillDate(page, '#assign-from_on', day(1));
  await fillDate(page, '#assign-to_on', day(20));
  await page.selectOption('#assign-practitioner_user_id', nurse);
  await fillDate(page, '#assign-oversight_review_on', day(14));
  await page.click('form[action$="/assign"] button[type=submit]');
  await page.waitForURL(/#assign$/);
  assert.match(await page.textContent('main'), new RegExp(`Kit Carer \\(Homecare Partners Ltd\\), ${longDate(day(1))} to ${longDate(day(20))}`));

  // Value for money before the plan goes active.
  await page.fill('#status-vfm_call_frequency', 'Two calls a day rather than four');
  await page.fill('#status-vfm_skill_mix', 'Trained care worker with nurse oversight');
  await page.fill('#status-vfm_assistive_technology', 'Pendant alarm');
  await page.click('button[value=agreed]');
  await page.waitForURL(/#status$/);
  await page.click('button[value=active]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /community resources/);
  assert.deepEqual(await axe(page), []);
  await page.fill('#status-vfm_community_resources', 'Lunch club on Wednesdays');
  await page.click('button[value=active]');
  await page.waitForURL(/#status$/);
  assert.match(await page.textContent('h1'), /active/);
  assert.equal(sql(srv.db, "SELECT vfm_skill_mix FROM care_plans WHERE status = 'active'"),
               'Trained care worker with nurse oversight');

  await page.goto(srv.base + '/competencies?state=expiring');
  assert.match(await page.textContent('main'), /Kit Carer[\s\S]*Stoma care[\s\S]*Expiring/);
  assert.deepEqual(await axe(page), []);
  // The nurse accountable for the delegated task sees its review on the oversight list.
  const nursePage = await newPage(browser);
  await signIn(srv, nursePage, 'rn.patel');
  await nursePage.goto(srv.base + '/oversight-reviews');
  assert.match(await nursePage.textContent('main'), new RegExp(`Mo Hartley[\\s\\S]*Stoma care[\\s\\S]*Kit Carer[\\s\\S]*${longDate(day(14))}`));
  assert.deepEqual(await axe(nursePage), []);
  await nursePage.click('text=Mo Hartley');
  await nursePage.waitForURL(/\/plans\/[0-9a-f]+$/);

  // The review has its own page, where the nurse records findings (issue #14 item 14).
  await nursePage.goto(srv.base + '/oversight-reviews');
  await nursePage.locator('a[href$="/oversight-review"]').first().click();
  await nursePage.waitForURL(/\/oversight-review$/);
  assert.match(await nursePage.textContent('h1'), /Oversight review: Stoma care/);
  assert.deepEqual(await axe(nursePage), []);
  await fillDate(nursePage, '#reviewed_on', day(0));
  await nursePage.selectOption('#outcome', 'safe_to_continue');
  await nursePage.fill('#findings', 'Observed a bag change: clean technique, skin healthy.');
  await nursePage.click('text=Record the review');
  assert.match(await nursePage.textContent('.nhsuk-error-summary'), /Enter the date of the next review/);
  assert.equal(await nursePage.inputValue('#findings'), 'Observed a bag change: clean technique, skin healthy.');
  assert.deepEqual(await axe(nursePage), []);
  await fillDate(nursePage, '#next_review_on', day(14));
  await nursePage.click('text=Record the review');
  await nursePage.waitForURL(/\/oversight-review$/);
  assert.match(await nursePage.textContent('.nhsuk-notification-banner'), /Oversight review recorded/);
  assert.match(await nursePage.textContent('main'), /Safe to continue[\s\S]*clean technique, skin healthy/);
  assert.deepEqual(await axe(nursePage), []);
});

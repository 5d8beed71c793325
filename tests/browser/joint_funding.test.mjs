// Browser: a social worker asks the joint funding panel to share a stoma
// care task's cost from the plan's page (a split that does not add up shows
// in the error summary and nothing is stored); the panel member decides on
// the agenda page; finance sees the recharge statement with the interim
// reconciliation and the CSV/XLSX links. Every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate, longDate } from './browser.mjs';

let srv, browser, plan, jfp;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const sw = srv.token('sw.jones');
  const org = (c) => sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  jfp = sql(srv.db, "SELECT id FROM teams WHERE code = 'JFP'");
  let r = await srv.api('PUT', `/api/v1/panels/${jfp}`, { token: srv.token('panel'), body: { first_on: day(-14), cycle_days: 14 } });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('POST', '/api/v1/persons', { token: sw, body: { family_name: 'Okafor', given_name: 'Ada',
    date_of_birth: '1941-02-03', sex: 'female', postcode: 'LE11 3AB' } });
  r = await srv.api('POST', `/api/v1/persons/${r.json.id}/plans`, { token: sw, body: { needs: 'Stoma care', outcomes: 'Home',
    start_on: day(-7), review_on: day(90) } });
  r = await srv.api('POST', `/api/v1/plans/${r.json.id}/tasks`, { token: sw, body: { version: r.json.version, task_code: 'stoma_care',
    calls: 1, per: 'day', minutes_per_call: 30, provider_org_id: org('HCP'), accountable_org_id: org('SICB'), weekly_cost_pence: 14000 } });
  r = await srv.api('PATCH', `/api/v1/plans/${r.json.id}`, { token: sw, body: { version: r.json.version, status: 'agreed',
    vfm_call_frequency: 'One call', vfm_skill_mix: 'Carer', vfm_assistive_technology: 'None', vfm_community_resources: 'None' } });
  assert.equal(r.status, 200, r.text);
  plan = r.json;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('raise from the plan, decide at the panel, see the recharge', async () => {
  let page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  await page.goto(srv.base + `/plans/${plan.id}`);
  await page.click('text=Joint funding');
  await page.waitForURL(srv.base + `/plans/${plan.id}/joint-funding`);
  assert.deepEqual(await axe(page), []);
  await page.selectOption('#raise-task_ids', { label: 'Stoma care' });
  await page.fill('#raise-proposed_split_nhs', '70');
  await page.fill('#raise-proposed_split_council', '20');
  await page.fill('#raise-proposed_split_person', '0');
  await page.fill('#raise-evidence', 'DST: needs are intertwined');
  await page.click('form[action$="/joint-funding"] button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /must add up to 100%/);
  assert.equal(await page.inputValue('#raise-evidence'), 'DST: needs are intertwined');
  assert.deepEqual(await axe(page), []);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM joint_funding_requests'), '0');
  assert.equal(await page.inputValue('#raise-proposed_split_nhs'), '70');
  await page.fill('#raise-proposed_split_council', '30');
  await page.click('form[action$="/joint-funding"] button[type=submit]');
  await page.waitForURL(srv.base + `/plans/${plan.id}/joint-funding#requests`);
  assert.match(await page.textContent('#requests ~ .nhsuk-card'), new RegExp(`${longDate(day(0))}.*requested`, "s"));
  assert.match(await page.textContent('.interim'), new RegExp(`from ${longDate(day(-7))}, until the panel decides`));

  page = await newPage(browser);
  await signIn(srv, page, 'panel');
  await page.goto(srv.base + `/panels/${jfp}/agenda`);
  assert.deepEqual(await axe(page), []);
  await page.selectOption('select[name=decision]', 'agreed');
  await fillDate(page, 'input[name=effective_from]', day(0));
  await page.click('form[action$="/decision"] button[type=submit]');
  await page.waitForURL(srv.base + `/panels/${jfp}/agenda?date=${day(0)}`);
  assert.match(await page.textContent('main'), /Nothing is listed for this meeting/);

  page = await newPage(browser);
  await signIn(srv, page, 'finance');
  await page.goto(srv.base + '/recharge-statements');
  assert.deepEqual(await axe(page), []);
  await fillDate(page, '#from', day(-7));
  await fillDate(page, '#to', day(0));
  await page.click('form[action="/recharge-statements"] button[type=submit]');
  // 7 days at 140.00 a week paid by the NHS, 70:30: the council owes 42.00; today at the agreed split: 20.00 -> 6.00.
  assert.match(await page.textContent('#net'), /The council owes the NHS £48\.00/);
  assert.match(await page.textContent('#reconciliations'), /£42\.00/);
  assert.deepEqual(await axe(page), []);
  const xlsx = await page.getAttribute('a:has-text("XLSX")', 'href');
  const got = await page.request.get(srv.base + xlsx);
  assert.equal(got.status(), 200);
  assert.match(got.headers()['content-type'], /spreadsheetml/);
});

// Browser: the CHC lead finds an overdue review on the reviews list,
// records it (a missing outcome shows in the error summary and the date
// typed is kept), sets up a personal health budget, and records a
// family's request for local resolution on a "not eligible" decision;
// the pages pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day, NOW } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate } from './browser.mjs';

let srv, browser;

async function decided(family, outcome, decidedOn, n) {
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: {
    family_name: family, given_name: 'Ada', date_of_birth: '1939-03-03', sex: 'female', postcode: 'LE11 2AB',
    gp_practice_id: gp } });
  assert.equal(r.status, 201, r.text);
  const team = sql(srv.db, "SELECT id FROM teams WHERE code = 'CHC'");
  const lead = sql(srv.db, "SELECT id FROM users WHERE username = 'chc.lead'");
  const now = NOW;
  const cid = `b${String(n).padStart(23, '0')}`, did = `e${String(n).padStart(23, '0')}`;
  sql(srv.db, `INSERT INTO chc_cases (id, person_id, route, status, team_id, received_on, outcome, decided_on,
    decision_id, version, created_at, updated_at) VALUES ('${cid}', '${r.json.id}', 'referral', 'decided', '${team}',
    '${decidedOn}', '${outcome}', '${decidedOn}', '${did}', 1, '${now}', '${now}')`);
  sql(srv.db, `INSERT INTO chc_decisions (id, case_id, person_id, outcome, rationale, decided_on, decided_by, created_at)
    VALUES ('${did}', '${cid}', '${r.json.id}', '${outcome}', 'MDT recommendation', '${decidedOn}', '${lead}', '${now}')`);
  return cid;
}

before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('record an overdue review, set up a budget, record a challenge', async () => {
  const eligible = await decided('Whitmore', 'eligible', day(-120), 1);
  const refused = await decided('Ashby', 'not_eligible', day(-30), 2);
  const page = await newPage(browser);
  await signIn(srv, page, 'chc.lead');
  await page.goto(srv.base + '/chc');
  await page.click('text=Reviews due for people already funded');
  await page.waitForURL(srv.base + '/chc/reviews');
  await page.click('text=Overdue');
  await page.waitForURL(srv.base + '/chc/reviews?state=overdue');
  assert.deepEqual(await axe(page), []);
  assert.match(await page.textContent('main'), /Overdue \d+ days/);
  await page.click('text=Ada Whitmore');
  await page.waitForURL(srv.base + `/chc/cases/${eligible}/after-decision`);
  assert.deepEqual(await axe(page), []);

  await fillDate(page, '#review-reviewed_on', day(0));
  await page.click('form[action$="/reviews"] button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /outcome/i);
  assert.equal(await page.inputValue('#review-reviewed_on-year'), day(0).slice(0, 4), 'the form keeps what was typed');
  assert.equal(await page.inputValue('#review-reviewed_on-day'), String(Number(day(0).slice(8))));
  await page.selectOption('#review-outcome', 'no_change');
  await page.fill('#review-notes', 'Care at home is working well');
  await page.click('form[action$="/reviews"] button[type=submit]');
  assert.match(await page.textContent('#review + p'), /Next review due by/);
  assert.match(await page.textContent('main'), /Care at home is working well/);
  assert.doesNotMatch(await page.textContent('main'), /Overdue/);

  await page.selectOption('#phb-management', 'direct_payment');
  await page.fill('#phb-weekly_amount', '1,250.50');
  await fillDate(page, '#phb-start_on', day(0));
  await page.click('form[action$="/phb"] button[type=submit]');
  assert.match(await page.textContent('main'), /£1,250\.50/);
  assert.equal(sql(srv.db, `SELECT weekly_amount_pence FROM personal_health_budgets WHERE case_id = '${eligible}'`), '125050');
  assert.deepEqual(await axe(page), []);

  await page.goto(srv.base + `/chc/cases/${refused}/after-decision`);
  await page.selectOption('#challenge-stage', 'local_resolution');
  await fillDate(page, '#challenge-requested_on', day(0));
  await page.fill('#challenge-requested_by', 'Son, lasting power of attorney');
  await page.fill('#challenge-grounds', 'Night-time needs were not considered');
  await page.click('form[action$="/challenges"] button[type=submit]');
  assert.match(await page.textContent('main'), /Local resolution with the ICB: open/);
  assert.match(await page.textContent('main'), /Night-time needs were not considered/);
  assert.deepEqual(await axe(page), []);
});

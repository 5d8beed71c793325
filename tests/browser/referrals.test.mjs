// Browser: a GP makes a referral (a missing answer shows in the error
// summary), the front door triages it from its work queue, the receiving
// team declines it back with a reason, and the pages pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser, personNhs;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: {
    nhs_number: '9434765919', family_name: 'Okafor', given_name: 'Grace', date_of_birth: '1938-07-14',
    sex: 'female', postcode: 'LE11 2AB', gp_practice_id: gp } });
  assert.equal(r.status, 201, r.text);
  personNhs = '943 476 5919';
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('refer, triage from the front door queue, decline back with a reason', async () => {
  const gp = await newPage(browser);
  await signIn(srv, gp, 'dr.rivers');
  await gp.click('text=Make a referral');
  await gp.waitForURL(srv.base + '/referrals/new');
  assert.deepEqual(await axe(gp), []);
  await gp.fill('#nhs_number', personNhs);
  await gp.check('#urgency-urgent');
  await gp.fill('#reason', 'Two falls this week, lives alone');
  await gp.fill('#referrer_name', 'Dr Ren Rivers');
  await gp.click('main form button[type=submit]');
  // Consent was not given: the error summary names it and nothing is lost.
  assert.match(await gp.textContent('.nhsuk-error-summary'), /consent/i);
  assert.equal(await gp.inputValue('#reason'), 'Two falls this week, lives alone');
  await gp.check('#consent-given');
  await gp.click('main form button[type=submit]');
  assert.match(await gp.textContent('h1'), /Referral sent/);
  assert.match(await gp.textContent('main'), /Response due by/);

  const fd = await newPage(browser);
  await signIn(srv, fd, 'fd.ali');
  await fd.click('text=Adult social care front door: work queue');
  assert.deepEqual(await axe(fd), []);
  await fd.click('text=Grace Okafor');
  assert.match(await fd.textContent('main'), /Two falls this week/);
  assert.deepEqual(await axe(fd), []);
  await fd.selectOption('#route', 'reablement');
  await fd.click('form[action$="/triage"] button[type=submit]');
  await fd.waitForURL(/\/teams\/(?:[0-9a-f]{24}){1,2}\/queue$/);
  // Off the front door's open queue, but still in sight until the team accepts (issue #14 item 15).
  assert.match(await fd.textContent('main'), /Nothing waiting/);
  assert.match(await fd.textContent('[aria-labelledby="waiting"]'), /Grace Okafor[\s\S]*Home assessment and reablement team/);
  assert.deepEqual(await axe(fd), []);

  const ot = await newPage(browser);
  await signIn(srv, ot, 'ot.evans');
  await ot.click('text=Home assessment and reablement team: work queue');
  await ot.click('text=Grace Okafor');
  await ot.click('form[action$="/decline"] button[type=submit]');
  assert.match(await ot.textContent('.nhsuk-error-summary'), /reason/i);
  await ot.fill('#reason', 'Needs a nursing assessment first');
  await ot.click('form[action$="/decline"] button[type=submit]');
  await ot.waitForURL(/\/queue$/);

  await fd.reload();
  assert.match(await fd.textContent('main'), /Grace Okafor/);
  assert.match(await fd.textContent('main'), /Returned/);
});

// Browser: a community nurse completes a CHC Checklist through the pages
// (a missing domain shows in the error summary and nothing is lost), sees
// the positive outcome and sends it to the ICB; the CHC lead finds the case
// on the work list, fills in the DST task list one domain per page, completes
// it, records the decision and opens the printable letter. axe on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, TODAY } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate } from './browser.mjs';

let srv, browser, pid;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('rn.patel'), body: {
    family_name: 'Whitfield', given_name: 'Maud', date_of_birth: '1931-02-11', sex: 'female',
    postcode: 'LE11 2AB', gp_practice_id: gp } });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const KEYS = ['breathing', 'nutrition', 'continence', 'skin', 'mobility', 'communication', 'psychological',
  'cognition', 'behaviour', 'drug_therapies', 'altered_states'];

test('a nurse completes a Checklist, sends it; the CHC lead assesses, decides and prints the letter', async () => {
  const rn = await newPage(browser);
  await signIn(srv, rn, 'rn.patel');
  await rn.goto(`${srv.base}/persons/${pid}`);
  await rn.click('text=Complete a CHC Checklist');
  await rn.waitForURL(`${srv.base}/persons/${pid}/chc/checklist`);
  assert.deepEqual(await axe(rn), []);
  await rn.check('#setting-home');
  // Breathing A (an asterisked domain) and every other domain C except skin, left out.
  for (const k of KEYS) if (k !== 'skin') await rn.check(`#d_${k}-${k === 'breathing' ? 'A' : 'C'}`);
  await rn.click('main form button[type=submit]');
  assert.match(await rn.textContent('.nhsuk-error-summary'), /Skin needs a score/);
  assert.equal(await rn.isChecked('#d_breathing-A'), true, 'answers are kept');
  assert.deepEqual(await axe(rn), []);
  await rn.check('#d_skin-B');
  await rn.click('main form button[type=submit]');
  await rn.waitForURL(/\/chc\/checklists\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await rn.textContent('h1'), /Positive/);
  assert.match(await rn.textContent('#outcome'), /A in Breathing/);
  assert.deepEqual(await axe(rn), []);
  await rn.click('form[action$="/send"] button[type=submit]');
  await rn.waitForURL(/\/chc\/cases\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await rn.textContent('#stage'), /Awaiting full assessment/);
  assert.match(await rn.textContent('#clock'), /Day 0/);

  const lead = await newPage(browser);
  await signIn(srv, lead, 'chc.lead');
  await lead.click('nav >> text=CHC');
  await lead.waitForURL(srv.base + '/chc');
  assert.deepEqual(await axe(lead), []);
  await lead.click('text=Maud Whitfield');
  assert.deepEqual(await axe(lead), []);
  await lead.click('text=Start a full assessment');
  await lead.waitForURL(/\/chc\/assessments\/(?:[0-9a-f]{24}){1,2}$/);
  assert.deepEqual(await axe(lead), []);
  await lead.click('text=Setting, MDT members');
  await lead.check('#setting-home');
  await lead.fill('#m0_name', 'Chris Lead');
  await lead.selectOption('#m0_profession', 'registered_nurse');
  await lead.fill('#m1_name', 'Sam Jones');
  await lead.selectOption('#m1_profession', 'social_worker');
  await lead.check('#m1_caa');
  await lead.fill('#person_views', 'Maud wants to stay at home with her cat');
  assert.deepEqual(await axe(lead), []);
  await lead.click('main form button[type=submit]');
  await lead.click('text=Breathing');
  assert.deepEqual(await axe(lead), []);
  // Continence has no Severe or Priority: only the levels it has are offered.
  for (let i = 0; i < 12; i++) {
    const h = await lead.textContent('h1');
    if (/Continence/.test(h)) assert.equal(await lead.locator('#level-severe').count(), 0);
    await lead.check(i === 0 ? '#level-priority' : '#level-low');
    await lead.click('main form button[type=submit]');
  }
  await lead.waitForURL(/\/chc\/assessments\/(?:[0-9a-f]{24}){1,2}$/);
  await lead.click('form[action$="/complete"] button[type=submit]');
  await lead.waitForURL(/\/chc\/cases\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await lead.textContent('#stage'), /awaiting the ICB decision/);
  await lead.check('#outcome-eligible');
  await lead.click('form[action$="/decision"] button[type=submit]');
  assert.match(await lead.textContent('.nhsuk-error-summary'), /rationale/i);
  await lead.check('#outcome-eligible');
  await lead.fill('#rationale', 'Priority level in breathing: a primary health need');
  await lead.click('form[action$="/decision"] button[type=submit]');
  await lead.waitForURL(/\/chc\/cases\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await lead.textContent('#decision'), /eligible/);
  await fillDate(lead, '#package_start_on', '');
  await lead.click('form[action$="/package-start"] button[type=submit]');
  assert.match(await lead.textContent('.nhsuk-error-summary'), /package start on/i);
  await fillDate(lead, '#package_start_on', TODAY);
  await lead.click('form[action$="/package-start"] button[type=submit]');
  await lead.waitForURL(/\/chc\/cases\/(?:[0-9a-f]{24}){1,2}$/);
  assert.equal(await lead.locator('form[action$="/package-start"]').count(), 0);
  await lead.click('text=Letter to the person');
  assert.match(await lead.textContent('h1'), /Your NHS Continuing Healthcare decision/);
  assert.match(await lead.textContent('main'), /are eligible/);
  assert.deepEqual(await axe(lead), []);
  await lead.emulateMedia({ media: 'print' });
  assert.equal(await lead.isVisible('.seamless-nav'), false, 'no navigation when printed');
  const status = sql(srv.db, `SELECT status || ' ' || outcome || ' ' || package_start_on FROM chc_cases WHERE person_id = '${pid}'`);
  assert.equal(status, `decided eligible ${TODAY}`);
});

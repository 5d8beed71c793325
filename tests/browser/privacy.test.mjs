// Browser, issue #14: ending a plan asks for confirmation and a reason on a
// page that says whose plan it is (person banner); the privacy officer
// reviews a self-claimed meeting attendance beside break-glass; pages pass
// axe and the internals check (no ids, ISO dates or codes as text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser, pid;

before(async () => {
  srv = await startServer();
  browser = await launch();
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: {
    family_name: 'Banner', given_name: 'Bea', date_of_birth: '1944-06-06', sex: 'female', nhs_number: '9434765919',
    gp_practice_id: sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN03'") } });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('ending a plan: the person banner, confirmation and a reason', async () => {
  const p = await srv.api('POST', `/api/v1/persons/${pid}/plans`, { token: srv.token('sw.jones'), body: {
    needs: 'Help to wash each morning', outcomes: 'Stays at home', start_on: day(0), review_on: day(90) } });
  assert.equal(p.status, 201, p.text);
  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  await page.goto(`${srv.base}/plans/${p.json.id}`);
  const banner = await page.textContent('.seamless-person-banner');
  assert.match(banner, /Bea Banner/);
  assert.match(banner, /943 476 5919/);
  assert.match(banner, /6 June 1944 \(\d+ years\)/);
  assert.deepEqual(await axe(page), []);
  await page.click('text=End the plan');
  await page.waitForURL(/\/plans\/[0-9a-f]+\/end$/);
  assert.match(await page.textContent('h1'), /Are you sure/);
  assert.match(await page.textContent('.seamless-person-banner'), /Bea Banner/);
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /Enter a reason of at least 10 characters/);
  assert.deepEqual(await axe(page), []);
  assert.equal(sql(srv.db, `SELECT status FROM care_plans WHERE id = '${p.json.id}'`), 'draft');
  await page.fill('#reason', 'Moved to live with her daughter');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/plans\/[0-9a-f]+\?ended=1#status$/);
  assert.equal(sql(srv.db, `SELECT status FROM care_plans WHERE id = '${p.json.id}'`), 'ended');
  assert.match(await page.textContent('main'), /Moved to live with her daughter/);
  assert.deepEqual(await axe(page), []);
});

test('the privacy officer reviews a self-claimed meeting attendance', async () => {
  const rn = srv.token('rn.patel');
  const m = await srv.api('POST', '/api/v1/meetings', { token: rn, body: {
    team_id: sql(srv.db, "SELECT id FROM teams WHERE code = 'INT-NORTH'"), held_on: day(1) } });
  assert.equal(m.status, 201, m.text);
  await srv.api('POST', `/api/v1/meetings/${m.json.id}/agenda`, { token: rn, body: { person_id: pid } });
  const add = await srv.api('POST', `/api/v1/meetings/${m.json.id}/attendees`, { token: rn,
    body: { user_id: sql(srv.db, "SELECT id FROM users WHERE username = 'sw.jones'") } });
  assert.equal(add.status, 201, add.text);
  const page = await newPage(browser);
  await signIn(srv, page, 'privacy');
  await page.click('text=Break-glass and self-claimed relationships to review');
  assert.match(await page.textContent('main'), /Self-claimed relationships[\s\S]*Sam Jones[\s\S]*people on the agenda: 1/);
  assert.deepEqual(await axe(page), []);
  await page.locator('form[action^="/privacy/self-claimed/"] button[value=accepted]').first().click();
  await page.waitForURL(srv.base + '/privacy/break-glass');
  assert.equal(sql(srv.db, `SELECT review_status FROM meeting_attendees WHERE meeting_id = '${m.json.id}' AND self_claimed = 1`),
               'accepted');
});

// Issue #14 item 16: the audit viewer finds by username and NHS number, dates
// in the NHS.UK date input, and shows names, not ids (the internals check).
test('the privacy officer finds a user\'s audit entries by username', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'privacy');
  await page.click('text=Review the audit log');
  await page.fill('#username', 'sw.jones');
  await page.click('form[action="/audit"] button[type=submit]');
  await page.waitForURL(/\/audit\?/);
  assert.match(await page.textContent('main'), /Sam Jones/);
  assert.deepEqual(await axe(page), []);
  await page.fill('#username', 'nobody.here');
  await page.click('form[action="/audit"] button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /No user has this username/);
  assert.deepEqual(await axe(page), []);
});

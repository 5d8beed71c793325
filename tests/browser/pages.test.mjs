// Browser tests: Debian's headless chromium driven by playwright-core.
// Sign in, home, sign out; find, open and edit a person with a validation
// error shown in the error summary; axe-core finds no serious or critical
// accessibility violation on the pages a social worker uses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, PASSWORD } from '../e2e/harness.mjs';
import { launch, axe, newPage as open, signIn as signInAs, fillDate } from './browser.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });
const newPage = () => open(browser);
const signIn = (page, username) => signInAs(srv, page, username);

test('sign in, see the home page, sign out; login and home pages pass axe', async () => {
  const page = await newPage();
  await page.goto(srv.base + '/login');
  assert.deepEqual(await axe(page), []);
  await page.fill('#username', 'admin');
  await page.fill('#password', 'wrong password here');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /not right/);
  await signIn(page, 'admin');
  assert.match(await page.textContent('h1'), /Welcome, Alex Admin/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: 'build/home.png', fullPage: true });
  await page.click('button.seamless-logout');
  await page.waitForURL(srv.base + '/login');
  await page.goto(srv.base + '/');
  assert.equal(page.url(), srv.base + '/login', 'signed out: home redirects to sign-in');
  await page.close();
});

test('register, find, open and edit a person; a validation error shows in the error summary', async () => {
  const page = await newPage();
  await signIn(page, 'sw.jones');
  await page.goto(srv.base + '/persons/new');
  assert.deepEqual(await axe(page), []);
  await page.fill('#nhs_number', '943 476 5919');
  await page.fill('#given_name', 'Ann');
  await page.fill('#family_name', 'Smith');
  await fillDate(page, '#date_of_birth', '1940-02-03');
  await page.selectOption('#sex', 'female');
  await page.fill('#postcode', 'le1 7rh');
  await page.check('#alert_safeguarding');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/persons\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await page.textContent('h1'), /Ann Smith/);
  assert.match(await page.textContent('#alerts-banner'), /Safeguarding/);
  assert.deepEqual(await axe(page), []);

  await page.goto(srv.base + '/persons');
  await page.fill('#nhs_number', '9434765919');
  await page.click('main form button[type=submit]');
  await page.click('#results a:has-text("Open record")');
  await page.waitForURL(/\/persons\/(?:[0-9a-f]{24}){1,2}$/);
  await page.click('a:has-text("Change details")');
  await page.fill('#postcode', 'NOT A POSTCODE');
  await page.click('main form button[type=submit]');
  const summary = await page.textContent('.nhsuk-error-summary');
  assert.match(summary, /postcode/);
  assert.match(await page.textContent('#postcode-error, .nhsuk-form-group--error .nhsuk-error-message'), /UK postcode/);
  assert.deepEqual(await axe(page), []);
  await page.fill('#postcode', 'LE2 1AA');
  await page.fill('#preferred_name', 'Annie');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/persons\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await page.textContent('dl'), /Annie/);
  assert.match(await page.textContent('dl'), /LE2 1AA/);
  assert.match(await page.textContent('#alerts-banner'), /Safeguarding/, 'an unchanged checkbox kept its value');
  await page.close();
});

test('no relationship: the page offers break-glass, which needs a reason and the password', async () => {
  const page = await newPage();
  await signIn(page, 'rn.patel');
  await page.goto(srv.base + '/persons?nhs_number=9434765919');
  await page.click('#results a:has-text("break glass")');
  assert.deepEqual(await axe(page), []);
  await page.fill('#reason', 'short');
  await page.fill('#password', 'wrong');
  await page.click('main form button[type=submit]');
  const summary = await page.textContent('.nhsuk-error-summary');
  assert.match(summary, /reason/i);
  assert.match(summary, /password/i);
  await page.fill('#reason', 'Patient collapsed at home visit');
  await page.fill('#password', PASSWORD);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/persons\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await page.textContent('#break-glass-banner'), /break-glass/);
  await page.close();
});

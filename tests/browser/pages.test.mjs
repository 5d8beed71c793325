// Browser tests: Debian's headless chromium driven by playwright-core.
// Sign in, home, sign out; find, open and edit a person with a validation
// error shown in the error summary; axe-core finds no serious or critical
// accessibility violation on the pages a social worker uses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, PASSWORD } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => await window.axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// axe is injected as a script tag, which our CSP (rightly) forbids: the
// test context bypasses CSP for that injection only.
async function newPage() {
  const ctx = await browser.newContext({ bypassCSP: true });
  return ctx.newPage();
}

async function signIn(page, username) {
  await page.goto(srv.base + '/login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(srv.base + '/');
}

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
  await page.fill('#date_of_birth', '1940-02-03');
  await page.selectOption('#sex', 'female');
  await page.fill('#postcode', 'le1 7rh');
  await page.check('#alert_safeguarding');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/persons\/[0-9a-f]{24}$/);
  assert.match(await page.textContent('h1'), /Ann Smith/);
  assert.match(await page.textContent('#alerts-banner'), /Safeguarding/);
  assert.deepEqual(await axe(page), []);

  await page.goto(srv.base + '/persons');
  await page.fill('#nhs_number', '9434765919');
  await page.click('main form button[type=submit]');
  await page.click('#results a:has-text("Open record")');
  await page.waitForURL(/\/persons\/[0-9a-f]{24}$/);
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
  await page.waitForURL(/\/persons\/[0-9a-f]{24}$/);
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
  assert.match(summary, /reason/);
  assert.match(summary, /password/);
  await page.fill('#reason', 'Patient collapsed at home visit');
  await page.fill('#password', PASSWORD);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/persons\/[0-9a-f]{24}$/);
  assert.match(await page.textContent('#break-glass-banner'), /break-glass/);
  await page.close();
});

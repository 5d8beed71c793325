// Browser: an org admin is warned on the home page that next year's bank
// holidays are due (the server's clock pinned to 1 August 2027), adds one
// with the NHS.UK date input (a wrong date kept in the form and named in the
// error summary) and marks the year complete; axe on each page, also at a
// phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CLOCK_ENV } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ env: { ...CLOCK_ENV, SEAMLESS_NOW: '2027-08-01T09:00:00Z' } });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('an admin is warned, adds 2028 bank holidays and marks the year complete', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'admin');
  assert.match(await page.textContent('.nhsuk-warning-callout'), /loaded up to 31 December 2027/);
  assert.deepEqual(await axe(page), []);
  await page.click('text=Manage bank holidays');
  assert.match(await page.textContent('h1'), /Bank holidays/);
  assert.deepEqual(await axe(page), []);
  await page.fill('#date-day', '30');
  await page.fill('#date-month', '2');
  await page.fill('#date-year', '2028');
  await page.fill('#name', 'Not a day');
  await page.click('text=Add bank holiday');
  assert.match(await page.textContent('.nhsuk-error-summary'), /Enter a real date/);
  assert.equal(await page.inputValue('#name'), 'Not a day', 'what was typed is kept');
  assert.deepEqual(await axe(page), []);
  await page.fill('#date-day', '3');
  await page.fill('#date-month', '1');
  await page.fill('#name', "New Year's Day (substitute day)");
  await page.click('text=Add bank holiday');
  assert.match(await page.textContent('[role=status]'), /Bank holiday added/);
  assert.match(await page.textContent('main'), /3 January 2028: New Year's Day \(substitute day\)/);
  await page.fill('#year', '2028');
  await page.click('text=Mark complete');
  assert.match(await page.textContent('[role=status]'), /Year marked complete/);
  assert.match(await page.textContent('main'), /up to 31 December 2028/);
  await page.setViewportSize({ width: 375, height: 800 });
  assert.deepEqual(await axe(page), []);
  await page.close();
});

// Browser: a trust's org admin opens the hospital system's account from the
// users list, is told why a token is issued there, gets a refusal named in
// the error summary (what was typed kept), issues the token (shown once,
// copyable as issued) and revokes it; axe on each page, also at a phone
// width (SEAMLESS_BROWSER_WIDTH=phone).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test("a trust's admin issues and revokes the hospital system's token", async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sht.admin');
  await page.goto(srv.base + '/admin/users');
  assert.deepEqual(await axe(page), []);
  await page.click('a[href^="/admin/users/"][href$="/tokens"]');
  assert.match(await page.textContent('h1'), /Tokens of Hospital PAS interface/);
  assert.match(await page.textContent('main'), /cannot sign in, so its token is issued here/);
  assert.match(await page.textContent('main'), /No tokens yet/);
  assert.deepEqual(await axe(page), []);
  await page.fill('#label', 'z'.repeat(101));
  await page.click('button:has-text("Issue token")');
  assert.match(await page.textContent('.nhsuk-error-summary'), /at most 100 characters/);
  assert.equal(await page.inputValue('#label'), 'z'.repeat(101), 'what was typed is kept');
  assert.deepEqual(await axe(page), []);
  await page.fill('#label', 'Interface engine, live');
  await page.click('button:has-text("Issue token")');
  const token = await page.inputValue('#new-token');
  assert.match(token, /^sk_[0-9a-f]{64}$/, 'the token as issued, to copy');
  assert.deepEqual(await axe(page), []);
  const feed = await srv.api('POST', '/api/v1/hospital-events', { token, body: {} });
  assert.equal(feed.status, 422, 'the system is signed in with it');
  await page.goto(srv.base + page.url().replace(srv.base, ''));
  assert.equal(await page.locator('#new-token').count(), 0, 'shown once');
  await page.click('button:has-text("Revoke")');
  assert.match(await page.textContent('main'), /Revoked/);
  assert.deepEqual(await axe(page), []);
  assert.equal((await srv.api('POST', '/api/v1/hospital-events', { token, body: {} })).status, 401);
  await page.close();
});

// Shared set-up for browser tests: Debian's headless chromium through
// playwright-core, axe-core injection, and signing in as a demo user.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { PASSWORD } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Serious or critical accessibility violations on the page, as text.
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => await window.axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// axe is injected as a script tag, which our CSP (rightly) forbids: the
// test context bypasses CSP for that injection only.
export async function newPage(browser) {
  const ctx = await browser.newContext({ bypassCSP: true });
  return ctx.newPage();
}

export async function signIn(srv, page, username) {
  await page.goto(srv.base + '/login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(srv.base + '/');
}

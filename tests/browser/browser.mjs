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

// What no page may show people (issue #14 items 11 and 12): an internal id
// (24 hex digits, or a UUID), an ISO date or timestamp, or a snake_case code. Checked
// on the page's visible text; attributes (form values, links) are machine
// values and may hold them. Returns the findings as text.
export async function internals(page) {
  const text = await page.evaluate(() => document.body ? document.body.innerText : '');
  const found = [];
  const rules = [['internal id', /\b(?:[0-9a-f]{24}){1,2}\b/g],
                 ['internal id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi], ['ISO timestamp', /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g],
                 ['ISO date', /\b\d{4}-\d{2}-\d{2}\b/g], ['snake_case code', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g]];
  for (const [what, re] of rules) {
    const hits = [...new Set(text.match(re) ?? [])];
    if (hits.length) found.push(`${what} on ${new URL(page.url()).pathname}: ${hits.slice(0, 5).join(', ')}`);
  }
  return found;
}

// Serious or critical accessibility violations on the page, as text, and
// every internal (above) on this page or any page it loaded since the last
// check: each browser test's axe check is also the internals check.
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => await window.axe.run());
  const seen = [...(page.seamlessInternals ?? []), ...await internals(page)];
  page.seamlessInternals = [];
  return [...new Set(seen)].concat(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}

// The browser suite runs at a desktop width and, with SEAMLESS_BROWSER_WIDTH
// =phone (make browser runs both), at a phone's: 375 CSS pixels.
export const PHONE = process.env.SEAMLESS_BROWSER_WIDTH === 'phone';
const VIEWPORT = PHONE ? { width: 375, height: 740 } : { width: 1280, height: 800 };

// axe is injected as a script tag, which our CSP (rightly) forbids: the
// test context bypasses CSP for that injection only. Every page loaded is
// checked for internals; the next axe() call reports them.
export async function newPage(browser) {
  const ctx = await browser.newContext({ bypassCSP: true, viewport: VIEWPORT, isMobile: PHONE, hasTouch: PHONE });
  const page = await ctx.newPage();
  page.seamlessInternals = [];
  page.on('load', () => {
    internals(page).then((f) => page.seamlessInternals.push(...f), () => {});
  });
  return page;
}

export async function signIn(srv, page, username) {
  await page.goto(srv.base + '/login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(srv.base + '/');
}

// Types an ISO date ("2026-12-02") into an NHS.UK date input: sel is the
// input's id ("#plan-start_on") or "input[name=due_on]"; scope a page or a
// locator. An empty date clears the three fields.
export async function fillDate(scope, sel, iso) {
  const [y, m, d] = iso ? iso.split('-') : ['', '', ''];
  const part = (p) => sel.startsWith('#') ? `${sel}-${p}` : sel.replace(/name=([^\]]+)\]/, `name="$1-${p}"]`);
  await scope.locator(part('day')).fill(iso ? String(Number(d)) : '');
  await scope.locator(part('month')).fill(iso ? String(Number(m)) : '');
  await scope.locator(part('year')).fill(y);
}

// "2026-12-02" as a page shows it: "2 December 2026".
export function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
                  'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

// Browser: the council's finance officer opens the Client Level Data return
// from the home page, sees the rows to correct (each with its event
// reference and column), and the page passes axe, also at a phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, cli, newDatabase, TODAY, addMonths } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-cld-browser-'));
  const db = newDatabase(dir);
  const r = cli(['demo', '--db', db, '--persons', '2000', '--seed', '11']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db, dir });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('the finance officer checks the quarter\'s return and sees what to correct', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'finance');
  await page.click('text=Client Level Data return');
  assert.match(await page.textContent('h1'), /Client Level Data return/);
  assert.deepEqual(await axe(page), []);
  // The quarter holding today, which has the demo's events in it.
  const from = `${TODAY.slice(0, 8)}01`;
  await page.fill('#from', addMonths(from, -2));
  await page.fill('#to', TODAY);
  await page.click('button:has-text("Show")');
  assert.match(await page.textContent('.nhsuk-warning-callout'), /Correct these records before you submit/);
  const firstRow = await page.textContent('table.nhsuk-table tbody tr');
  assert.match(firstRow, /(Request|Assessment|Service|Review), \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.match(firstRow, /NHS number \d{3} \d{3} \d{4}|No NHS number/);
  assert.match(await page.textContent('main'), /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  assert.deepEqual(await axe(page), []);
  await page.setViewportSize({ width: 375, height: 800 });
  assert.deepEqual(await axe(page), []);
  await page.close();
});

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

test('a practitioner records the details on the person\'s record and sees them kept', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  // Someone on sw.jones's caseload.
  const { sql } = await import('../e2e/harness.mjs');
  const id = sql(srv.db, "SELECT c.person_id FROM caseloads c JOIN teams t ON t.id = c.team_id WHERE t.code = 'SW-NORTH' AND c.closed_on IS NULL LIMIT 1")
    || sql(srv.db, "SELECT c.person_id FROM caseloads c JOIN user_teams ut ON ut.team_id = c.team_id JOIN users u ON u.id = ut.user_id WHERE u.username = 'sw.jones' AND c.closed_on IS NULL LIMIT 1");
  await page.goto(`${srv.base}/persons/${id}`);
  await page.click('text=Details for the national Client Level Data return');
  assert.match(await page.textContent('h1'), /Details for the national return/);
  assert.ok(await page.$('.nhsuk-banner, [class*=banner]'), 'the person banner');
  assert.deepEqual(await axe(page), []);
  await page.selectOption('#primary_support_reason', 'Support with Memory & Cognition');
  await page.selectOption('#has_unpaid_carer', 'Yes');
  // The funding options are Release 1's (docs/internals/cld.md), not the wording they replaced.
  const funding = await page.$$eval('#client_funding_status option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(funding.includes('Joint Client and Social Care Funded') && !funding.includes('Partially Funded'), funding.join('|'));
  await page.selectOption('#client_funding_status', 'Joint Client and Social Care Funded');
  await page.click('button:has-text("Save details")');
  assert.match(await page.textContent('main'), /Client Level Data details saved/);
  await page.goto(`${srv.base}/persons/${id}/cld`);
  assert.equal(await page.inputValue('#primary_support_reason'), 'Support with Memory & Cognition');
  assert.equal(await page.inputValue('#has_unpaid_carer'), 'Yes');
  assert.equal(await page.inputValue('#client_funding_status'), 'Joint Client and Social Care Funded');
  await page.setViewportSize({ width: 375, height: 800 });
  assert.deepEqual(await axe(page), []);
  await page.close();
});

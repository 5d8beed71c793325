// Browser: the council's finance officer opens a Better Care Fund pool from
// the navigation, records spend (an amount of 0 shows in the error summary
// and the date typed is kept), and sees the overspend and each partner's
// share by contribution ratio; a board viewer sees the same figures with no
// forms; the pages pass axe and work without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate } from './browser.mjs';

let srv, browser, fundId;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const scc = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SCC'");
  const icb = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SICB'");
  const r = await srv.api('POST', '/api/v1/pooled-funds', { token: srv.token('finance'), body: {
    name: 'Shire Better Care Fund', aims: 'Help people stay well at home', year_start: '2026-04-01',
    year_end: '2027-03-31', host_org_id: scc, risk_share: 'contribution_ratio',
    partners: [{ org_id: scc, contribution_pence: 6000000 }, { org_id: icb, contribution_pence: 4000000 }],
    services: [{ name: 'Reablement', budget_pence: 7000000 }, { name: 'Carers breaks', budget_pence: 3000000 }] } });
  assert.equal(r.status, 201, r.text);
  fundId = r.json.id;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('finance records spend and sees the variance and each partner\'s share', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'finance');
  await page.click('nav >> text=Pooled funds');
  await page.waitForURL(srv.base + '/pooled-funds');
  assert.deepEqual(await axe(page), []);
  await page.click('text=Shire Better Care Fund');
  await page.waitForURL(srv.base + `/pooled-funds/${fundId}`);
  assert.deepEqual(await axe(page), []);
  assert.match(await page.textContent('#fund-variance'), /Underspent by £100,000\.00/);

  await page.selectOption('#spend-service_id', { label: 'Reablement' });
  await page.fill('#spend-amount', '0');
  await fillDate(page, '#spend-spent_on', '2026-08-14');
  await page.click('form[action$="/spend"] button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /amount/i);
  assert.equal(await page.inputValue('#spend-spent_on-day'), '14', 'the form keeps what was typed');
  assert.equal(await page.inputValue('#spend-spent_on-month'), '8');
  assert.deepEqual(await axe(page), []);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM pooled_fund_spend'), '0');

  await page.fill('#spend-amount', '101,000.01');
  await page.fill('#spend-description', 'Reablement block contract, Q2');
  await page.click('form[action$="/spend"] button[type=submit]');
  await page.waitForURL(srv.base + `/pooled-funds/${fundId}#spend`);
  assert.match(await page.textContent('#fund-spent'), /£101,000\.01/);
  assert.match(await page.textContent('#fund-variance'), /Overspent by £1,000\.01/);
  const rows = await page.$$eval('#partners tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ')));
  assert.match(rows[0], /Shire County Council.*\(host\).*£60,000\.00.*£600\.01.*£60,600\.01/);
  assert.match(rows[1], /Shire Integrated Care Board.*£40,000\.00.*£400\.00.*£40,400\.00/);
  assert.equal(await page.locator('svg.seamless-bars').count(), 2);
  assert.deepEqual(await axe(page), []);
  const csv = await page.getAttribute('a:has-text("CSV")', 'href');
  assert.equal(csv, `/api/v1/pooled-funds/${fundId}?format=csv`);
  const got = await page.request.get(srv.base + csv);      // the session cookie is enough
  assert.equal(got.status(), 200);
  assert.match(await got.text(), /^spend,2026-08-14,"Reablement",101000\.01,"Reablement block contract, Q2"\r$/m);
  const xlsx = await page.request.get(srv.base + await page.getAttribute('a:has-text("XLSX")', 'href'));
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
});

test('a board viewer reads the same figures and gets no forms', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'board');
  await page.goto(srv.base + `/pooled-funds/${fundId}`);
  assert.match(await page.textContent('#fund-variance'), /Overspent by £1,000\.01/);
  assert.equal(await page.locator('form[action$="/spend"]').count(), 0);
  assert.deepEqual(await axe(page), []);
});

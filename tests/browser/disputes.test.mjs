// Browser: a social worker raises an inter-agency dispute about a plan task
// (a missing question shows in the error summary, the typed text is kept
// and nothing is stored), sees its stage and deadline in words with the
// person's banner, and escalates it; the ICB's manager sees it; a board
// viewer reads the board pack (charts with a text alternative, tables,
// "no data" where there is nothing to count) at desktop and phone widths. Every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser, task;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const sw = srv.token('sw.jones');
  const org = (c) => sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  let r = await srv.api('POST', '/api/v1/persons', { token: sw, body: { nhs_number: '943 476 5919', family_name: 'Okafor',
    given_name: 'Ada', date_of_birth: '1941-02-03', sex: 'female', postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('POST', `/api/v1/persons/${r.json.id}/plans`, { token: sw, body: { needs: 'Stoma care', outcomes: 'Home',
    start_on: day(-7), review_on: day(90) } });
  r = await srv.api('POST', `/api/v1/plans/${r.json.id}/tasks`, { token: sw, body: { version: r.json.version, task_code: 'stoma_care',
    calls: 1, per: 'day', minutes_per_call: 30, provider_org_id: org('HCP'), accountable_org_id: org('SICB'), weekly_cost_pence: 14000 } });
  assert.equal(r.status, 201, r.text);
  task = r.json.tasks[0].id;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('raise a dispute, see its stage and deadline, escalate it', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  await page.goto(srv.base + `/disputes/new?subject_type=plan_task&subject_id=${task}`);
  assert.deepEqual(await axe(page), []);
  await page.selectOption('#against_org_id', { label: 'Shire Integrated Care Board' });
  await page.fill('#position', 'A nurse must oversee it: a health need.');
  await page.click('form[action="/disputes/new"] button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /question/i);
  assert.equal(await page.inputValue('#position'), 'A nurse must oversee it: a health need.');
  assert.equal(await page.inputValue('[name=subject_id]'), task);
  assert.deepEqual(await axe(page), []);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM disputes'), '0');
  await page.fill('#question', 'Is the stoma care a health need?');
  await page.selectOption('#against_org_id', { label: 'Shire Integrated Care Board' });
  await page.click('form[action="/disputes/new"] button[type=submit]');
  await page.waitForURL(/\/disputes\/[0-9a-f]+$/);
  assert.match(await page.textContent('#person-banner'), /Ada Okafor/);
  assert.match(await page.textContent('#person-banner'), /943 476 5919/);
  assert.match(await page.textContent('#person-banner'), /3 February 1941/);
  assert.match(await page.textContent('#status'), /stage 1 of 4: Case leads/);
  assert.match(await page.textContent('#deadline'), /^\s*\d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.deepEqual(await axe(page), []);
  await page.click('#escalate-form ~ form button[type=submit]');
  assert.match(await page.textContent('.nhsuk-error-summary'), /reason/i);
  await page.fill('#escalate-reason', 'The case leads could not agree.');
  await page.click('#escalate-form ~ form button[type=submit]');
  await page.waitForURL(/\/disputes\/[0-9a-f]+$/);
  assert.match(await page.textContent('#status'), /stage 2 of 4: Managers/);
  assert.match(await page.textContent('#history'), /Escalated.*The case leads could not agree/s);
  await page.setViewportSize({ width: 375, height: 800 });
  assert.deepEqual(await axe(page), []);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375 + 1, `no sideways scrolling at phone width (${wide})`);

  const mgr = await newPage(browser);
  await signIn(srv, mgr, 'icb.mgr');
  await mgr.goto(srv.base + '/disputes');
  assert.match(await mgr.textContent('#disputes'), /Ada Okafor/);
  assert.deepEqual(await axe(mgr), []);
});

test('a board viewer reads the board pack: charts, tables and no data where nothing is counted', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'board');
  await page.goto(srv.base + '/board-pack');
  assert.deepEqual(await axe(page), []);
  assert.ok(await page.locator('svg.seamless-chart[role=img]').count() >= 5);
  assert.match(await page.textContent('#section-discharge'), /No data/);
  assert.ok(!(await page.content()).includes('Okafor'));
  await page.setViewportSize({ width: 375, height: 800 });
  assert.deepEqual(await axe(page), []);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.seamless-filter').isVisible(), false);
});

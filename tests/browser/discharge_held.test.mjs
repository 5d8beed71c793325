// Browser: the hospital's feed holds what it cannot match. The IDT nurse
// opens the held messages, matches one to the person once they have a
// record (it is applied: the stay opens), tries to match another with a
// wrong number (the error is shown, nothing changes) and closes it with a
// reason; a council social worker may not see the queue. The trust's org
// admin adds a ward (a missing name is an error first). Every page passes
// axe, also at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, nowMs } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser, feed;
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const held = () => sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE outcome = 'held'");

before(async () => {
  srv = await startServer();
  browser = await launch();
  feed = srv.token('sht.pas');
  const ward = sql(srv.db, "SELECT w.code FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
                          + " JOIN teams t ON t.id = w.idt_team_id WHERE o.code = 'SHT' AND t.code = 'IDT' LIMIT 1");
  assert.ok(ward, 'the demo has an SHT ward covered by the IDT');
  for (const [id, nhs, visit, name] of [['H-1', '9434765919', 'SPELL-H1', ['Okafor', 'Grace']],
                                         ['H-2', undefined, 'SPELL-H2', ['Doe', 'Jay']]]) {
    const r = await srv.api('POST', '/api/v1/hospital-events', { token: feed, body: {
      event_id: id, event: 'admit', occurred_at: iso(-2), nhs_number: nhs, family_name: name[0], given_name: name[1],
      visit_number: visit, ward } });
    assert.equal(r.status, 202, r.text);
  }
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: { family_name: 'Okafor',
    given_name: 'Grace', date_of_birth: '1941-02-09', sex: 'female', postcode: 'LE11 3AB', nhs_number: '9434765919' } });
  assert.equal(p.status, 201, p.text);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('the IDT matches a held message to the person and closes one it cannot match', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'idt.nurse');
  await page.goto(srv.base + '/discharge/held');
  const text = await page.textContent('main');
  assert.match(text, /Grace Okafor/);
  assert.match(text, /943 476 5919/);
  assert.match(text, /Jay Doe/);
  assert.match(text, /Not sent/);
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT/);   // times in words
  assert.deepEqual(await axe(page), []);

  const grace = page.locator('.nhsuk-card', { hasText: 'Grace Okafor' });
  await grace.locator('button', { hasText: 'Match and apply' }).click();
  await page.waitForURL(srv.base + '/discharge/held');
  assert.doesNotMatch(await page.textContent('main'), /Grace Okafor/);
  assert.equal(sql(srv.db, "SELECT status FROM hospital_stays WHERE visit_number = 'SPELL-H1'"), 'admitted');
  assert.equal(sql(srv.db, "SELECT outcome FROM hl7_messages WHERE control_id = 'H-1'"), 'resolved');

  const jay = page.locator('.nhsuk-card', { hasText: 'Jay Doe' });
  await jay.locator('input[name=nhs_number]').fill('123 456 7890');
  await jay.locator('button', { hasText: 'Match and apply' }).click();
  assert.match(await page.textContent('.nhsuk-error-summary'), /valid NHS number/);
  assert.equal(held(), '1');
  assert.deepEqual(await axe(page), []);

  const again = page.locator('.nhsuk-card', { hasText: 'Jay Doe' });
  await again.locator('summary').click();
  await again.locator('textarea[name=reason]').fill('Day case recorded in error by the ward');
  await again.locator('button', { hasText: 'Close the message' }).click();
  await page.waitForURL(srv.base + '/discharge/held');
  assert.match(await page.textContent('main'), /No messages are held/);
  assert.equal(held(), '0');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'SPELL-H2'"), '0');
  assert.ok(Number(sql(srv.db, "SELECT COUNT(*) FROM audit_trail WHERE resource_type = 'hl7_message'"
                               + " AND action IN ('resolve', 'close')")) === 2);
  assert.deepEqual(await axe(page), []);
});

test('a council social worker cannot see the held messages', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  const res = await page.goto(srv.base + '/discharge/held');
  assert.equal(res.status(), 403);
});

test("the trust's org admin adds a ward", async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sht.admin');
  await page.goto(srv.base + '/discharge/wards');
  assert.deepEqual(await axe(page), []);
  await page.fill('#ward-code', 'W99');
  await page.click('text=Add the ward');
  assert.match(await page.textContent('.nhsuk-error-summary'), /name/i);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_wards WHERE code = 'W99'"), '0');
  assert.deepEqual(await axe(page), []);
  await page.fill('#ward-code', 'W99');
  await page.fill('#ward-name', 'Ward 99 (frailty)');
  await page.selectOption('#ward-idt_team_code', 'IDT');
  await page.click('text=Add the ward');
  await page.waitForURL(srv.base + '/discharge/wards');
  const row = page.locator('tr', { hasText: 'Ward 99 (frailty)' });
  assert.match(await row.textContent(), /Integrated discharge team/);
  assert.deepEqual(await axe(page), []);
});

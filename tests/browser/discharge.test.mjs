// Browser: the IDT nurse opens the discharge board, finds a patient the
// hospital's feed admitted (sent over MLLP) among everyone in hospital,
// records a review without an answer (the error is shown, nothing stored),
// then "ready to leave"; the patient is on the board with words not codes
// and UK dates, the stay page carries the person banner, the delay reason
// is chosen from the national list; every page passes axe, also at phone
// width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, sql, day, nowMs } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser;
const ts = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/[-:T]/g, '').slice(0, 14) + '+0000';

function mllp(text) {
  return new Promise((resolve, reject) => {
    const [host, port] = srv.mllp.split(':');
    const s = net.connect(Number(port), host);
    let got = '';
    s.on('data', (d) => { got += d; if (got.endsWith('\x1c\r')) { s.end(); resolve(got); } });
    s.on('error', reject);
    s.write('\x0b' + text + '\x1c\r');
  });
}

before(async () => {
  srv = await startServer({ args: ['--mllp-listen', '127.0.0.1:0', '--mllp-org', 'SHT'] });
  browser = await launch();
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: { family_name: 'Okafor',
    given_name: 'Grace', date_of_birth: '1941-02-09', sex: 'female', postcode: 'LE11 3AB', nhs_number: '9434765919' } });
  assert.equal(r.status, 201, r.text);
  const ack = await mllp(`MSH|^~\\&|PAS|SHT|SEAMLESS|SCC|${ts(-1)}||ADT^A01^ADT_A01|B1|P|2.5\r`
    + `EVN|A01|${ts(-1)}\rPID|1||9434765919^^^NHS^NH||Okafor^Grace||19410209|F\r`
    + `PV1|1|I|W20^^7|||||||GMD|||||||||SPELL-B1|||||||||||||||||||||||||${ts(-50).slice(0, 12)}\r`);
  assert.match(ack, /MSA\|AA\|B1/);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('the IDT finds the patient, records them ready to leave and gives the reason', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'idt.nurse');
  await page.goto(srv.base + '/discharge');
  assert.match(await page.textContent('main'), /No one on this board is waiting/);
  assert.deepEqual(await axe(page), []);
  await page.click('text=Everyone in hospital');
  await page.click('text=Grace Okafor');
  await page.waitForURL(/\/hospital-stays\//);
  const banner = await page.textContent('.seamless-person-banner');
  assert.match(banner, /Grace Okafor/);
  assert.match(banner, /943 476 5919/);
  assert.match(banner, /9 February 1941/);
  assert.deepEqual(await axe(page), []);

  await page.click('text=Record the review');   // no answer chosen
  assert.match(await page.textContent('.nhsuk-error-summary'), /criteria to reside/);
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM stay_reviews'), '0');
  assert.deepEqual(await axe(page), []);

  await page.check('#meets-no');
  await page.fill('#review-reviewed_on', day(0));
  await page.click('text=Record the review');
  await page.waitForURL(/\/hospital-stays\/[0-9a-f]+$/);
  assert.match(await page.textContent('main'), /0<\/strong> days delayed|0 days delayed/);
  await page.check('#pw-3');
  await page.fill('#pathway-planned_destination', 'Nursing home near her daughter');
  await page.click('text=Save the pathway');
  await page.waitForURL(/\/hospital-stays\/[0-9a-f]+$/);
  await page.selectOption('#delay-delay_reason', 'choosing_care_home');
  await page.click('text=Record the reason');
  await page.waitForURL(/\/hospital-stays\/[0-9a-f]+$/);
  assert.match(await page.textContent('main'), /Patient or family choosing a care home \(NHS and social care\)/);

  await page.click('text=Back to the discharge board');
  const row = await page.textContent('#board tbody');
  assert.match(row, /Grace Okafor/);
  assert.match(row, /Care home/);
  assert.match(row, /Ward 20 \(stroke\), bed 7/);
  assert.doesNotMatch(row, /choosing_care_home|W20\b/);
  assert.deepEqual(await axe(page), []);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  assert.deepEqual(await axe(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false, 'the board fits a phone without sideways scrolling');

  await page.click('text=Daily discharge situation');
  await page.waitForURL(/\/discharge\/situation/);
  assert.match(await page.textContent('main'), /People not meeting the criteria to reside at the end of the day: 1/);
  // Ready today is not yet a delay: counted in the 0-day band, not by reason.
  assert.match(await page.textContent('main'), /0 days\s*1/);
  assert.deepEqual(await axe(page), []);
});

// One settable clock and bank holidays as data: the test clock is refused
// unless enabled, pins "now" for the server and the demo but never the audit
// chain; a referral is never refused for a year whose bank holidays are not
// loaded (its due time is estimated and says so); admins add a year's
// holidays (API, page, CLI) and are warned months before the list runs out.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli, newDatabase, dropDatabase, CLOCK_ENV, PASSWORD, cliAsync } from './harness.mjs';

const servers = [];
after(async () => { for (const s of servers) { await s.stop(); s.cleanup(); } });

async function serverAt(now) {
  const srv = await startServer({ env: { ...CLOCK_ENV, SEAMLESS_NOW: now } });
  servers.push(srv);
  return srv;
}

test('SEAMLESS_NOW is refused unless the test clock is enabled, and a bad value says why', () => {
  const env = { ...process.env, SEAMLESS_NOW: '2027-01-31T09:00:00Z' };
  delete env.SEAMLESS_TEST_CLOCK;
  const off = cli(['holidays', 'list', '--db', '/nonexistent/x.db'], '', { env });
  assert.equal(off.status, 2);
  assert.match(off.stderr, /SEAMLESS_TEST_CLOCK=1/);
  const bad = cli(['holidays', 'list', '--db', '/nonexistent/x.db'], '',
                  { env: { ...env, SEAMLESS_TEST_CLOCK: '1', SEAMLESS_NOW: '2027-02-30T09:00:00Z' } });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /SEAMLESS_NOW/);
});

let n = 0;
async function refer(srv, t, receivedAt) {
  n++;
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const p = await srv.api('POST', '/api/v1/persons', { token: t.sw, body: {
    family_name: `Holiday${n}`, given_name: 'Kim', date_of_birth: '1944-04-0' + (n % 9 + 1), sex: 'female',
    postcode: 'LE11 3AB', gp_practice_id: gp } });
  assert.equal(p.status, 201, p.text);
  const r = await srv.api('POST', '/api/v1/referrals', { token: t.gp, body: {
    person_id: p.json.id, source: 'gp', reason: 'Struggling at home after a fall', urgency: 'routine',
    consent: 'given', received_at: receivedAt, referrer: { name: 'Dr Ren Rivers' } } });
  assert.equal(r.status, 201, r.text);
  const got = await srv.api('GET', `/api/v1/referrals/${r.json.id}`, { token: t.fd });
  assert.equal(got.status, 200, got.text);
  return got.json;
}

test('a year without bank holidays estimates due times from weekends; loading the year makes them exact', async () => {
  const srv = await serverAt('2028-04-20T09:00:00Z');   // the seeded list ends with 2027
  const t = { sw: srv.token('sw.jones'), gp: srv.token('dr.rivers'), fd: srv.token('fd.ali'),
              admin: srv.token('admin') };
  // Monday 10 April 2028 + 10 working days: weekends only gives Monday 24 April.
  const est = await refer(srv, t, '2028-04-10T09:00:00Z');
  assert.equal(est.due_at, '2028-04-24T22:59:59Z', 'end of the UK day (BST)');
  assert.equal(est.due_estimated, true);
  assert.match(est.due_note, /not loaded/);
  const board = srv.token('board');
  const report = await srv.api('GET', '/api/v1/reports/referrals?from=2028-04-01&to=2028-04-20', { token: board });
  assert.equal(report.status, 200, report.text);
  assert.equal(report.json.referrals, 1);
  assert.equal(report.json.working_days_estimated, true, 'the board report says its working days are estimated');

  const before = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE resource_type = 'bank_holiday'"));
  const days = [['2028-01-03', "New Year's Day (substitute day)"], ['2028-04-14', 'Good Friday'],
                ['2028-04-17', 'Easter Monday'], ['2028-05-01', 'Early May bank holiday'],
                ['2028-05-29', 'Spring bank holiday'], ['2028-08-28', 'Summer bank holiday'],
                ['2028-12-25', 'Christmas Day'], ['2028-12-26', 'Boxing Day']];
  for (const [date, name] of days) {
    const r = await srv.api('POST', '/api/v1/bank-holidays', { token: t.admin, body: { date, name } });
    assert.equal(r.status, 201, r.text);
  }
  const done = await srv.api('PUT', '/api/v1/bank-holidays/years/2028', { token: t.admin });
  assert.equal(done.status, 204, done.text);
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE resource_type = 'bank_holiday'")),
               before + days.length + 1, 'every change is audited');
  // Now Good Friday and Easter Monday are skipped: Wednesday 26 April, exact.
  const exact = await refer(srv, t, '2028-04-10T09:00:00Z');
  assert.equal(exact.due_at, '2028-04-26T22:59:59Z');
  assert.equal(exact.due_estimated, false);
  assert.equal(exact.due_note, undefined);
  const exactReport = await srv.api('GET', '/api/v1/reports/referrals?from=2028-04-01&to=2028-04-20', { token: board });
  assert.equal(exactReport.json.working_days_estimated, false);
  const list = await srv.api('GET', '/api/v1/bank-holidays', { token: t.sw });
  assert.equal(list.status, 200);
  assert.equal(list.json.status.covered_until, '2028-12-31');
  assert.ok(list.json.items.some((h) => h.date === '2028-04-14' && h.date_words === '14 April 2028'));
  assert.deepEqual(list.json.years.find((y) => y.year === 2028), { year: 2028, complete: true, holidays: 8 });
});

test('bank holiday changes are checked, refused ones store nothing, and only admins make them', async () => {
  const srv = await serverAt('2026-12-02T10:00:00Z');
  const admin = srv.token('admin'), sw = srv.token('sw.jones');
  const count = () => Number(sql(srv.db, 'SELECT count(*) FROM bank_holidays'));
  const before = count();
  const cases = [
    [{ date: '2028-02-30', name: 'Leap' }, 'date'],
    [{ date: 'next Monday', name: 'Leap' }, 'date'],
    [{ name: 'No date' }, 'date'],
    [{ date: '2028-01-03' }, 'name'],
    [{ date: '2028-01-03', name: 'x'.repeat(101) }, 'name'],
    [{ date: '2026-12-25', name: 'Christmas Day again' }, 'date'],
    [{ date: 20280103, name: 'A number' }, 'date'],
  ];
  for (const [body, field] of cases) {
    const r = await srv.api('POST', '/api/v1/bank-holidays', { token: admin, body });
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.deepEqual(r.json.errors.map((e) => e.field), [field], JSON.stringify(body));
  }
  const denied = await srv.api('POST', '/api/v1/bank-holidays', { token: sw, body: { date: '2028-01-03', name: 'x' } });
  assert.equal(denied.status, 403);
  assert.equal(count(), before, 'nothing stored');
  const empty = await srv.api('PUT', '/api/v1/bank-holidays/years/2031', { token: admin });
  assert.equal(empty.status, 422);
  assert.equal(empty.json.errors[0].field, 'year');
  const notYear = await srv.api('PUT', '/api/v1/bank-holidays/years/twenty', { token: admin });
  assert.equal(notYear.status, 422);
  const gone = await srv.api('DELETE', '/api/v1/bank-holidays/2026-12-24', { token: admin });
  assert.equal(gone.status, 404);
  const removed = await srv.api('DELETE', '/api/v1/bank-holidays/2026-12-28', { token: admin });
  assert.equal(removed.status, 204);
  assert.equal(count(), before - 1);
  const status = await srv.api('GET', '/api/v1/bank-holidays', { token: sw });
  assert.equal(status.json.status.warning, null, 'more than six months of holidays are loaded');
});

test('admins are warned months before the loaded years run out; the page adds a day', async () => {
  const srv = await serverAt('2027-08-01T09:00:00Z');
  // stderr is its own pipe: the warning may arrive just after the "listening" line.
  for (let i = 0; i < 50 && !/warning: Bank holidays/.test(srv.log()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(srv.log(), /warning: Bank holidays are loaded up to 31 December 2027/);
  const st = await srv.api('GET', '/api/v1/bank-holidays', { token: srv.token('admin') });
  assert.match(st.json.status.warning, /Add the 2028 bank holidays/);
  const s = await srv.login('admin', PASSWORD);
  assert.equal(s.status, 201);
  const home = await fetch(srv.base + '/', { headers: { Cookie: s.cookie } });
  const html = await home.text();
  assert.match(html, /Bank holidays are loaded up to 31 December 2027/);
  assert.match(html, /href="\/admin\/bank-holidays"/);
  const form = (fields) => fetch(srv.base + '/admin/bank-holidays', { method: 'POST', redirect: 'manual',
    headers: { Cookie: s.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: s.csrf, ...fields }).toString() });
  const bad = await form({ 'date-day': '30', 'date-month': '2', 'date-year': '2028', name: 'Leap day' });
  assert.equal(bad.status, 422);
  const badHtml = await bad.text();
  assert.match(badHtml, /Enter a real date/);
  assert.match(badHtml, /value="Leap day"/, 'the form keeps what was typed');
  const ok = await form({ 'date-day': '3', 'date-month': '1', 'date-year': '2028', name: "New Year's Day (substitute day)" });
  assert.equal(ok.status, 303);
  const page = await fetch(srv.base + ok.headers.get('location'), { headers: { Cookie: s.cookie } });
  const text = await page.text();
  assert.match(text, /Bank holiday added/);
  assert.match(text, /3 January 2028: New Year&#39;s Day \(substitute day\)|3 January 2028: New Year&#x27;s Day/);
  const sw = await srv.login('sw.jones', PASSWORD);
  const denied = await fetch(srv.base + '/admin/bank-holidays', { headers: { Cookie: sw.cookie } });
  assert.equal(denied.status, 403);
});

test('the demo runs on 29 February 2028 with estimated due times, and the audit chain keeps real time', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-leap-'));
  const db = newDatabase(dir);
  try {
    const r = await cliAsync(['demo', '--db', db, '--persons', '2000', '--seed', '7'], '',
                  { env: { ...CLOCK_ENV, SEAMLESS_NOW: '2028-02-29T09:00:00Z' } });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Number(sql(db, 'SELECT count(*) FROM referrals WHERE due_estimated = 1')) > 0,
              'the demo referrals were made, with estimated due times');
  } finally {
    dropDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
  const old = await serverAt('2021-06-01T09:00:00Z');
  const t = old.token('sw.jones');
  const r = await old.api('GET', '/api/v1/persons?family_name=Nobody&date_of_birth=1950-01-01', { token: t });
  assert.ok(r.status < 500, r.text);
  const stamps = sql(old.db, 'SELECT at FROM audit_trail ORDER BY seq DESC LIMIT 5').split('\n');
  assert.ok(stamps.length > 0 && stamps[0] !== '');
  for (const at of stamps) assert.ok(!at.startsWith('2021-06-0'), `audit entry dated by the test clock: ${at}`);
  assert.equal(cli(['audit', 'verify', '--db', old.db]).status, 0);
});

test('the CLI imports the gov.uk file and lists what is loaded', async () => {
  const srv = await serverAt('2026-12-02T10:00:00Z');
  const bad = cli(['holidays', 'import', '--db', srv.db, '--file', 'tests/fuzz/corpus/fuzz_holidays_json/baddate.json']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /event 1 has no real date/);
  const ok = cli(['holidays', 'import', '--db', srv.db, '--file', 'tests/fuzz/corpus/fuzz_holidays_json/govuk.json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /2 bank holidays added, 0 already loaded; years complete: 2028/);
  const again = cli(['holidays', 'import', '--db', srv.db, '--file', 'tests/fuzz/corpus/fuzz_holidays_json/govuk.json']);
  assert.match(again.stdout, /0 bank holidays added, 2 already loaded/);
  const list = cli(['holidays', 'list', '--db', srv.db]);
  assert.match(list.stdout, /2028-04-14 {2}Good Friday/);
  assert.match(list.stdout, /complete lists up to: 31 December 2028/);
});

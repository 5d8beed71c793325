// `seamless demo --stays N`: a year of hospital stays for bench/discharge
// (src/cli/demo_hospital_year.h) — spread over the last 365 days, most
// discharged, the open ones past their discharge ready date on the IDT's
// board, delays with reasons (some changing mid-stay) that start within the
// delay, a pathway mix led by pathway 0; running it again adds none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, startServer, newDatabase, TODAY, addDays } from './harness.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'seamless-year-demo-'));
const N = 3000;
let srv, db, out;
before(async () => {
  db = newDatabase(dir);
  const r = cli(['demo', '--db', db, '--persons', '1500', '--stays', String(N)]);
  assert.equal(r.status, 0, r.stderr);
  out = r.stdout;
  srv = await startServer({ db, dir });
});
after(async () => { await srv.stop(); srv.cleanup(); rmSync(dir, { recursive: true, force: true }); });

const year = "visit_number LIKE 'YR%'";
const n = (q) => Number(sql(db, q));

test('a year of stays: spread over the year, most discharged, delays with reasons, pathways', () => {
  assert.match(out, new RegExp(`Added a year of ${N} hospital stays`));
  assert.equal(n(`SELECT COUNT(*) FROM hospital_stays WHERE ${year}`), N);
  assert.ok(sql(db, `SELECT MIN(admitted_on) FROM hospital_stays WHERE ${year}`) >= addDays(TODAY, -366));
  assert.ok(sql(db, `SELECT MAX(admitted_on) FROM hospital_stays WHERE ${year}`) <= TODAY);
  // Every month of the year has admissions.
  assert.ok(n(`SELECT COUNT(DISTINCT substr(admitted_on, 1, 7)) FROM hospital_stays WHERE ${year}`) >= 12);
  const open = n(`SELECT COUNT(*) FROM hospital_stays WHERE ${year} AND status = 'admitted'`);
  assert.ok(open > 0 && open < N / 10, `open ${open}`);
  // No discharge before its DRD or its admission; a DRD never before the admission.
  assert.equal(n(`SELECT COUNT(*) FROM hospital_stays WHERE ${year} AND (discharged_on < ready_on`
                 + ` OR discharged_on < admitted_on OR ready_on < admitted_on)`), 0);
  const delayed = n(`SELECT COUNT(*) FROM hospital_stays WHERE ${year} AND ready_on IS NOT NULL`
                    + ` AND COALESCE(discharged_on, '${TODAY}') > ready_on`);
  assert.ok(delayed > N * 0.08 && delayed < N * 0.2, `delayed ${delayed}`);
  // Each delayed stay has its first reason from its DRD, and its current reason is its last.
  assert.equal(n(`SELECT COUNT(*) FROM hospital_stays s WHERE ${year} AND s.delay_reason IS NOT NULL AND NOT EXISTS`
                 + ` (SELECT 1 FROM stay_delay_reasons d WHERE d.person_id = s.person_id AND d.stay_id = s.id AND d.from_on = s.ready_on)`), 0);
  assert.ok(n('SELECT COUNT(*) FROM (SELECT stay_id FROM stay_delay_reasons GROUP BY stay_id'
              + ' HAVING COUNT(*) > 1) AS changed') > 0);
  const pw = (k) => n(`SELECT COUNT(*) FROM hospital_stays WHERE ${year} AND pathway = ${k}`);
  assert.ok(pw(0) > pw(1) && pw(1) > pw(2) && pw(2) > 0 && pw(3) > 0, [0, 1, 2, 3].map(pw).join(','));
});

test('the open stays past their DRD are on the IDT board, longest delay first', async () => {
  const onBoard = n(`SELECT COUNT(*) FROM hospital_stays s JOIN organisations o ON o.id = s.org_id WHERE o.code = 'SHT'`
                    + ` AND s.status = 'admitted' AND s.ready_on IS NOT NULL`);
  const r = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT&limit=200', { token: srv.token('idt.nurse') });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, Math.min(onBoard, 200));
  const visit = (id) => sql(db, `SELECT visit_number FROM hospital_stays WHERE id = '${id}'`);
  assert.ok(r.json.items.some((i) => /^YR/.test(visit(i.id))));
  const drds = r.json.items.map((i) => i.ready_on);
  assert.deepEqual(drds, [...drds].sort());
});

test('each delay reason starts within its stay\'s delay, so the days by reason add up', () => {
  // From the DRD, before the discharge (or today): a change of reason
  // mid-stay splits the delay days; none falls outside them.
  assert.equal(n(`SELECT COUNT(*) FROM stay_delay_reasons d JOIN hospital_stays s ON s.person_id = d.person_id AND s.id = d.stay_id WHERE s.${year}`
                 + ' AND (d.from_on < s.ready_on'
                 + ` OR d.from_on >= COALESCE(s.discharged_on, '${addDays(TODAY, 1)}'))`), 0);
  assert.equal(n(`SELECT COUNT(*) FROM stay_delay_reasons d JOIN hospital_stays s ON s.person_id = d.person_id AND s.id = d.stay_id WHERE s.${year}`
                 + ` AND d.sector <> (SELECT sector FROM discharge_delay_reasons r WHERE r.code = d.reason_code)`), 0);
});

test('running it again adds no stays', () => {
  const r = cli(['demo', '--db', db, '--stays', String(N)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /already holds the year of hospital stays/);
  assert.equal(n(`SELECT COUNT(*) FROM hospital_stays WHERE ${year}`), N);
});

// The synthetic county of `seamless demo --persons N --seed S`: repeatable
// from its seed, valid test-range NHS numbers, one county's postcodes, an
// England-like age structure, localities with their practices and teams,
// and caseloads that give locality staff a legitimate relationship.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, startServer, BACKEND, newDatabase, dropDatabase } from './harness.mjs';

const PG = BACKEND === 'postgres';
const dir = mkdtempSync(path.join(tmpdir(), 'seamless-county-'));
const made = [];
after(() => { rmSync(dir, { recursive: true, force: true }); made.forEach(dropDatabase); });

// A new database each time: a file named `name`, or a new PostgreSQL database.
function demo(name, ...args) {
  const db = PG ? newDatabase(dir) : path.join(dir, name);
  made.push(db);
  const r = cli(['demo', '--db', db, ...args]);
  return { db, ...r };
}

// Modulus 11 written independently of the server's implementation.
function validNhs(n) {
  if (!/^\d{10}$/.test(n)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(n[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(n[9]);
}

const CONTENT = `SELECT p.nhs_number, p.family_name, p.given_name, p.date_of_birth, p.sex, p.postcode,
  p.address_line1, p.town, g.code, p.ltc_count, p.efi_deficits, p.predicted_cost_pence,
  p.objects_to_sharing, p.main_language,
  (SELECT ${PG ? "string_agg(t.code, ',' ORDER BY t.code)" : 'group_concat(t.code)'}
   FROM caseloads c JOIN teams t ON t.id = c.team_id WHERE c.person_id = p.id)
  FROM persons p JOIN organisations g ON g.id = p.gp_practice_id ORDER BY p.nhs_number`;

test('the same seed gives the same people; another seed gives others', () => {
  const a = demo('a.db', '--persons', '1500', '--seed', '42');
  const b = demo('b.db', '--persons', '1500', '--seed', '42');
  const c = demo('c.db', '--persons', '1500', '--seed', '43');
  for (const r of [a, b, c]) assert.equal(r.status, 0, r.stderr);
  assert.match(a.stdout, /Added 1500 synthetic people \(seed 42\)/);
  const da = sql(a.db, CONTENT), db = sql(b.db, CONTENT), dc = sql(c.db, CONTENT);
  assert.equal(da.split('\n').length, 1500);
  assert.equal(da, db);
  assert.notEqual(da, dc);
  // Running again on the same database adds nobody.
  const again = cli(['demo', '--db', a.db, '--persons', '1500', '--seed', '42']);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /already holds 1500 people/);
  assert.equal(sql(a.db, 'SELECT COUNT(*) FROM persons'), '1500');
});

test('people look like one English county', () => {
  const { db, status, stderr } = demo('shape.db', '--persons', '6000', '--seed', '7');
  assert.equal(status, 0, stderr);
  const numbers = sql(db, 'SELECT nhs_number FROM persons').split('\n');
  assert.equal(numbers.length, 6000);
  assert.equal(new Set(numbers).size, 6000);
  for (const n of numbers) {
    assert.ok(validNhs(n), `invalid NHS number ${n}`);
    assert.ok(n.startsWith('999'), `not in the test range: ${n}`);
  }
  const notLe = PG ? "postcode !~ '^LE[0-9].* [0-9][A-Z][A-Z]$'" : "postcode NOT GLOB 'LE[0-9]* [0-9][A-Z][A-Z]'";
  assert.equal(sql(db, `SELECT COUNT(*) FROM persons WHERE ${notLe}`), '0');
  // Ages on 2026-04-01: about a fifth 65 or over, about a fifth under 18 (England 2021: 18.6% and 21%).
  const over65 = Number(sql(db, "SELECT COUNT(*) FROM persons WHERE date_of_birth <= '1961-04-01'")) / 6000;
  const under18 = Number(sql(db, "SELECT COUNT(*) FROM persons WHERE date_of_birth > '2008-04-01'")) / 6000;
  assert.ok(over65 > 0.15 && over65 < 0.23, `65+ share ${over65}`);
  assert.ok(under18 > 0.17 && under18 < 0.25, `under-18 share ${under18}`);
  // Frailty deficits only from 65, long-term conditions rising with age.
  assert.equal(sql(db, "SELECT COUNT(*) FROM persons WHERE efi_deficits <> '' AND date_of_birth > '1961-04-01'"), '0');
  const ltcOld = Number(sql(db, "SELECT AVG(ltc_count) FROM persons WHERE date_of_birth <= '1946-04-01'"));
  const ltcYoung = Number(sql(db, "SELECT AVG(ltc_count) FROM persons WHERE date_of_birth > '1986-04-01'"));
  assert.ok(ltcOld > 2 && ltcYoung < 0.5, `LTCs old ${ltcOld}, young ${ltcYoung}`);
  assert.ok(Number(sql(db, 'SELECT COUNT(*) FROM persons WHERE ltc_count >= 5')) > 0);
  // Three localities of 20 practices, each with a social work and a neighbourhood team.
  assert.equal(sql(db, `SELECT l.code || ':' || COUNT(o.id) FROM localities l JOIN organisations o
                        ON o.locality_id = l.id AND o.type = 'gp_practice' GROUP BY l.code ORDER BY l.code`),
               'CITY:20\nNORTH:20\nSOUTH:20');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM teams WHERE locality_id IS NOT NULL'), '6');
  assert.ok(Number(sql(db, "SELECT COUNT(*) FROM organisations WHERE type = 'provider'")) >= 8);
  // Everyone is registered with a practice that holds their record.
  assert.equal(sql(db, `SELECT COUNT(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM person_orgs po
                        WHERE po.person_id = p.id AND po.org_id = p.gp_practice_id)`), '0');
});

test('bad --persons and --seed are refused before anything is written', () => {
  for (const args of [['--persons', '-1'], ['--persons', 'many'], ['--persons', '5000001'], ['--seed', 'x']]) {
    const r = demo(`bad-${args.join('')}.db`, ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, new RegExp(args[0]));
    if (PG) assert.equal(sql(r.db, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"), '0', 'nothing created');
    else assert.equal(existsSync(r.db), false, 'no database created');
  }
});

test('locality staff see the people on their caseload and not others', async () => {
  const srv = await startServer({ db: demo('access.db', '--persons', '3000', '--seed', '3').db });
  try {
    const tok = srv.token('sw.jones');  // North locality social work team
    const onCaseload = sql(srv.db, `SELECT c.person_id FROM caseloads c JOIN teams t ON t.id = c.team_id
                                    WHERE t.code = 'ILT-NORTH' LIMIT 1`);
    const notKnown = sql(srv.db, `SELECT p.id FROM persons p WHERE NOT EXISTS
                                  (SELECT 1 FROM caseloads c WHERE c.person_id = p.id) LIMIT 1`);
    assert.equal((await srv.api('GET', `/api/v1/persons/${onCaseload}`, { token: tok })).status, 200);
    const denied = await srv.api('GET', `/api/v1/persons/${notKnown}`, { token: tok });
    assert.equal(denied.status, 403);
    assert.match(denied.json.type, /no-legitimate-relationship$/);
    // Search by NHS number finds the person and shows only identifying fields.
    const nhs = sql(srv.db, `SELECT nhs_number FROM persons WHERE id = '${notKnown}'`);
    const found = await srv.api('GET', `/api/v1/persons?nhs_number=${nhs}`, { token: tok });
    assert.equal(found.status, 200);
    assert.equal(found.json.items.length, 1);
    assert.equal(found.json.items[0].id, notKnown);
    assert.equal(found.json.items[0].address_line1, undefined);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

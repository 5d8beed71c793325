// `seamless import persons` (issue #19 item 4): a council's client index
// from CSV or NDJSON. Each bad row is turned away with its line and the
// API's reason while the good rows go in; every person created has an audit
// entry; a file that cannot be split into rows imports nothing; a run the
// database stopped resumes after its last committed batch; the same file
// twice imports nothing the second time. The large files: 20,000 rows on
// every backend and build, and a county's 1.1 million rows on SQLite with
// the plain build (about two minutes; under the sanitizers or on a
// PostgreSQL cluster it would take several times that, and the 20,000 rows
// cover those).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, cli, cliAsync, sql, newDatabase, TODAY, addDays, CITUS, BACKEND, BIN } from './harness.mjs';

// A valid NHS number from a 9-digit stem (modulus 11; a stem whose check
// digit would be 10 is skipped by the caller).
function nhs(stem) {
  const d = String(stem).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return d + (check === 11 ? 0 : check);
}
function validNumbers(n, from = 400000000) {
  const out = [];
  for (let s = from; out.length < n; s++) { const v = nhs(s); if (v) out.push(v); }
  return out;
}
// 0 → A, 25 → Z, 26 → BA …: names that differ in letters (name keys ignore digits).
const letters = (n) => { let s = ''; do { s = String.fromCharCode(65 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0); return s; };
const wrongCheck = (v) => v.slice(0, 9) + ((Number(v[9]) + 1) % 10);

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-import-'));
  const db = newDatabase(dir);
  assert.equal(cli(['demo', '--db', db, '--persons', '0']).status, 0);
  return { dir, db, file: (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); return p; } };
}
const count = (db, where) => Number(sql(db, `SELECT count(*) FROM ${where}`));
const run = (db, file, more = []) => cli(['import', 'persons', '--db', db, '--from', file, '--org', 'SCC', ...more]);

test('CSV: bad rows are reported by line and reason, the good rows are imported and audited', async () => {
  const t = setup();
  const [a, b, c, d, onRecord] = validNumbers(5);
  const srv = await startServer({ db: t.db, dir: t.dir });
  try {
    const token = srv.token('sw.jones');
    const existing = await srv.api('POST', '/api/v1/persons', { token, body: { family_name: 'Already', given_name: 'Here',
      date_of_birth: '1940-01-01', sex: 'female', postcode: 'LE1 1AA', nhs_number: onRecord } });
    assert.equal(existing.status, 201, existing.text);
    const future = addDays(TODAY, 3);
    const text = Buffer.concat([Buffer.from(
      'family_name,given_name,date_of_birth,sex,nhs_number,postcode,address_line1\n' +  // 1
      `Okafor,Ada,1950-02-03,female,${a},LE11 3AB,\n` +                         // 2 good
      `Bell,Bo,1951-02-03,male,${wrongCheck(b)},LE11 3AB,\n` +                  // 3 bad check digit
      `Dupe,Di,1952-02-03,female,${a},LE11 3AB,\n` +                           // 4 duplicate in the file
      `Held,Hal,1953-02-03,male,${onRecord},LE11 3AB,\n` +                     // 5 duplicate on the record
      `Late,Lu,1954-02-30,female,${c},LE11 3AB,\n` +                           // 6 not a date
      `Soon,Sy,${future},male,,LE11 3AB,\n` +                                  // 7 born in the future
      'Short,Row,1955-01-01\n' +                                               // 8 wrong column count
      '"Quoted, Name","Jo ""JJ""",1956-02-03,other,,LE11 3AB,"Flat 2, 1 High St"\n' +  // 9 good: comma, quotes
      '"Broken",Line,1956-03-04,other,,LE11 3AB,"Flat 3\n2 High St"\n'),       // 10-11 a line break in a one-line field
      Buffer.from('Bad'), Buffer.from([0xc3, 0x28]), Buffer.from(',Ute,1957-02-03,female,,LE11 3AB,\n'),  // 12 not UTF-8
      Buffer.from(`Last,Li,1958-02-03,unknown,${d},LE11 3AB,\n`),             // 13 good
      Buffer.from('Already,Here,1940-01-01,female,,LE1 1AA,\n')]);             // 14 likely duplicate of one on the record
    const file = t.file('index.csv', text);
    const report = path.join(t.dir, 'rejected.csv');
    const auditBefore = count(t.db, "audit_trail WHERE action = 'create' AND resource_type = 'person'");
    const r = run(t.db, file, ['--team', 'ILT-NORTH', '--report', report, '--batch', '3']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /imported 3 people, rejected 9 rows/);
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'line,field,message');
    const byLine = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], l]));
    assert.deepEqual(Object.keys(byLine).map(Number).sort((x, y) => x - y), [3, 4, 5, 6, 7, 8, 10, 12, 14]);
    assert.match(byLine[3], /nhs_number.*check digit/);
    assert.match(byLine[4], /nhs_number.*same as on line 2/);
    assert.match(byLine[5], /nhs_number.*already on the record/);
    assert.match(byLine[6], /date_of_birth.*real date/);
    assert.match(byLine[7], /date_of_birth/);
    assert.match(byLine[8], /3 fields; the header has 7/);
    assert.match(byLine[10], /address_line1.*must be on one line/);
    assert.match(byLine[12], /family_name: is not valid UTF-8/);
    assert.match(byLine[14], /confirm_not_duplicate.*same name, date of birth and postcode/);
    const quoted = sql(t.db, "SELECT given_name || '|' || address_line1 FROM persons WHERE family_name = 'Quoted, Name'");
    assert.equal(quoted, 'Jo "JJ"|Flat 2, 1 High St');
    assert.equal(count(t.db, "persons WHERE family_name IN ('Okafor', 'Quoted, Name', 'Last')"), 3);
    assert.equal(count(t.db, "persons WHERE family_name IN ('Bell', 'Dupe', 'Held', 'Late', 'Soon', 'Short', 'Broken')"), 0);
    assert.equal(count(t.db, "audit_trail WHERE action = 'create' AND resource_type = 'person'"), auditBefore + 3,
                 'one audit entry per person created');
    // The team's caseload has them: a team member reads the record.
    const ada = sql(t.db, "SELECT id FROM persons WHERE family_name = 'Okafor'");
    const read = await srv.api('GET', `/api/v1/persons/${ada}`, { token });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.nhs_number, a);
    assert.equal(read.json.date_of_birth, '1950-02-03');
    // The same file again: nothing more.
    const again = run(t.db, file, ['--team', 'ILT-NORTH']);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /imported to the end already/);
    assert.equal(count(t.db, "persons WHERE family_name = 'Okafor'"), 1);
  } finally { await srv.stop(); }
  const v = cli(['audit', 'verify', '--db', t.db]);
  assert.equal(v.status, 0, v.stderr);
  rmSync(t.dir, { recursive: true, force: true });
});

test('NDJSON: one object a line, bad lines named with their reason', () => {
  const t = setup();
  const [a, b] = validNumbers(2, 410000000);
  const file = t.file('index.ndjson', [
    JSON.stringify({ family_name: 'Nd', given_name: 'One', date_of_birth: '1960-01-01', sex: 'male', nhs_number: a }),
    '',
    '{"family_name": "Broken", ',
    '[1, 2]',
    JSON.stringify({ family_name: 'Nd', given_name: 'Two', date_of_birth: '1961-13-01', sex: 'female' }),
    JSON.stringify({ family_name: 'Nd', given_name: 'Three', date_of_birth: '1962-01-01', sex: 'female', nhs_number: b }),
    JSON.stringify({ family_name: 'Twin', given_name: 'Tess', date_of_birth: '1963-01-01', sex: 'female', postcode: 'LE1 1AA' }),
    JSON.stringify({ family_name: 'Twin', given_name: 'Tess', date_of_birth: '1963-01-01', sex: 'female', postcode: 'LE1 1AA' }),
    JSON.stringify({ family_name: 'Twin', given_name: 'Tess', date_of_birth: '1963-01-01', sex: 'female', postcode: 'LE1 1AA',
                     confirm_not_duplicate: true }),
  ].join('\n'));
  const r = run(t.db, file);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /imported 4 people, rejected 4 rows/);
  assert.match(r.stderr, /line 8: confirm_not_duplicate: may be someone already registered/);
  assert.match(r.stderr, /line 3: the line is not valid JSON/);
  assert.match(r.stderr, /line 4: the line is not a JSON object/);
  assert.match(r.stderr, /line 5: date_of_birth: must be a real date/);
  assert.equal(count(t.db, "persons WHERE family_name = 'Nd'"), 2);
  assert.equal(count(t.db, "persons WHERE family_name = 'Twin'"), 2, 'the first, and the one confirmed as someone else');
  rmSync(t.dir, { recursive: true, force: true });
});

test('a spreadsheet\'s CSV: a byte order mark before the header is not part of its first column', () => {
  const t = setup();
  const [a] = validNumbers(1, 420000000);
  const file = t.file('excel.csv', '\uFEFF' + 'family_name,given_name,date_of_birth,sex,nhs_number,postcode\r\n' +
    `Marked,Mo,1950-03-04,male,${a},LE1 1AA\r\n`);
  const r = run(t.db, file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 1 people, rejected 0 rows/);
  assert.equal(sql(t.db, `SELECT family_name || '|' || nhs_number || '|' || postcode FROM persons WHERE nhs_number = '${a}'`),
               `Marked|${a}|LE1 1AA`);
  rmSync(t.dir, { recursive: true, force: true });
});

test('a column the import does not read is refused, not dropped from every row', () => {
  const t = setup();
  const before = count(t.db, 'persons');
  const csv = t.file('typo.csv', 'family_name,given_name,date_of_birth,sex,postcde\nTypo,Ty,1950-01-01,female,LE1 1AA\n');
  const r = run(t.db, csv);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /the header names column "postcde", which is not a person field; nothing was imported/);
  assert.match(r.stderr, /postcode/, 'the columns it reads are listed');
  assert.equal(count(t.db, 'persons'), before);
  assert.equal(count(t.db, 'import_runs'), 0, 'no run was started');
  // NDJSON: each line names its own fields, so the line is turned away.
  const nd = t.file('typo.ndjson', [
    JSON.stringify({ family_name: 'Nd', given_name: 'Typo', date_of_birth: '1960-01-01', sex: 'male', postcde: 'LE1 1AA' }),
    JSON.stringify({ family_name: 'Nd', given_name: 'Fine', date_of_birth: '1960-01-02', sex: 'male', postcode: 'LE1 1AB' }),
  ].join('\n'));
  const n = run(t.db, nd);
  assert.equal(n.status, 1, n.stderr);
  assert.match(n.stdout, /imported 1 people, rejected 1 rows/);
  assert.match(n.stderr, /line 1: postcde: is not a person field/);
  assert.equal(sql(t.db, "SELECT given_name || '|' || postcode FROM persons WHERE family_name = 'Nd'"), 'Fine|LE1 1AB');
  rmSync(t.dir, { recursive: true, force: true });
});

test("local identifiers: a number used twice in the file or already another person's is turned away by line", () => {
  const t = setup();
  const first = t.file('first.ndjson', JSON.stringify({ family_name: 'Lid', given_name: 'Held', date_of_birth: '1950-01-01',
    sex: 'male', local_identifier: 'C-100' }));
  assert.equal(run(t.db, first).status, 0);
  const rows = [
    { family_name: 'Lid', given_name: 'New', date_of_birth: '1951-01-01', sex: 'female', local_identifier: 'C-200' },  // 1 good
    { family_name: 'Lid', given_name: 'Twice', date_of_birth: '1952-01-01', sex: 'female', local_identifier: 'C-200' }, // 2 same as line 1
    { family_name: 'Lid', given_name: 'Taken', date_of_birth: '1953-01-01', sex: 'male', local_identifier: 'C-100' },   // 3 on the record
    { family_name: 'Lid', given_name: 'Other', date_of_birth: '1954-01-01', sex: 'male', local_identifier: 'C-300' },   // 4 good
  ];
  const r = run(t.db, t.file('second.ndjson', rows.map((x) => JSON.stringify(x)).join('\n')), ['--batch', '2']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /imported 2 people, rejected 2 rows/);
  assert.match(r.stderr, /line 2: local_identifier: is the same as on line 1/);
  assert.match(r.stderr, /line 3: local_identifier: is already another person's number/);
  assert.equal(count(t.db, "person_identifiers WHERE identifier IN ('C-100', 'C-200', 'C-300')"), 3);
  assert.equal(count(t.db, "persons WHERE given_name IN ('Twice', 'Taken')"), 0);
  rmSync(t.dir, { recursive: true, force: true });
});

test('an empty file, a header alone, an open quote: nothing imported, said why', () => {
  const t = setup();
  const before = count(t.db, 'persons');
  for (const [name, text, status, why] of [
    ['empty.csv', '', 1, /is empty: nothing to import/],
    ['blank.ndjson', '\n  \n', 1, /is empty: nothing to import/],
    ['header.csv', 'family_name,given_name,date_of_birth,sex\n', 1, /has no rows: nothing to import/],
    ['open.csv', 'family_name,given_name,date_of_birth,sex\nA,B,1950-01-01,male\n"Open,C,1950-01-01,male\n', 2,
     /line 3: a quoted field is not closed; nothing was imported/],
    ['stray.csv', 'family_name,given_name,date_of_birth,sex\nA,B"C,1950-01-01,male\n', 2,
     /line 2: a quote in the wrong place/],
    ['twice.csv', 'family_name,family_name,date_of_birth,sex\nA,B,1950-01-01,male\n', 2, /names column "family_name" twice/],
  ]) {
    const r = run(t.db, t.file(name, text));
    assert.equal(r.status, status, `${name}: ${r.stderr}`);
    assert.match(r.stderr, why, name);
  }
  assert.equal(count(t.db, 'persons'), before);
  const bad = cli(['import', 'persons', '--db', t.db, '--from', t.file('x.csv', 'family_name\nA\n'), '--org', 'NOPE']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--org is not the code of an organisation/);
  for (const rows of ['0', '-5', '100001', 'many', '10x']) {
    const b = run(t.db, t.file('y.csv', 'family_name,given_name,date_of_birth,sex\nA,B,1950-01-01,male\n'), ['--batch', rows]);
    assert.equal(b.status, 2, rows);
    assert.match(b.stderr, /--batch must be a whole number of rows from 1 to 100000/, rows);
  }
  assert.equal(count(t.db, 'persons'), before, 'a refused --batch imports nothing');
  assert.equal(count(t.db, 'import_runs'), 0, 'nor starts a run');
  rmSync(t.dir, { recursive: true, force: true });
});

test('a run the database stopped resumes after its last committed batch', () => {
  const t = setup();
  const numbers = validNumbers(10, 420000000);
  const rows = numbers.map((n, i) => `Resume${i},Rae,1950-01-${String(i + 1).padStart(2, '0')},female,${n}`);
  const file = t.file('resume.csv', 'family_name,given_name,date_of_birth,sex,nhs_number\n' + rows.join('\n') + '\n');
  // The database refuses the seventh person (a trigger standing in for a full disk).
  const trigger = t.db.startsWith('postgres')
    ? ["CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN IF NEW.family_name = 'Resume6' THEN RAISE EXCEPTION 'full'; END IF; RETURN NEW; END$$",
       'CREATE TRIGGER refuse BEFORE INSERT ON persons FOR EACH ROW EXECUTE FUNCTION refuse()']
    : ["CREATE TRIGGER refuse BEFORE INSERT ON persons WHEN NEW.family_name = 'Resume6' BEGIN SELECT RAISE(ABORT, 'full'); END"];
  // Citus refuses triggers on distributed tables unless told (it then puts
  // the trigger on every shard of persons); every later session of this
  // database has the setting.
  if (CITUS) sql(t.db, `ALTER DATABASE ${new URL(t.db).pathname.slice(1)} SET citus.enable_unsafe_triggers = on`);
  for (const s of trigger) sql(t.db, s);
  const first = run(t.db, file, ['--batch', '3']);
  assert.equal(first.status, 1);
  assert.match(first.stderr, /run the same command again to resume/);
  assert.equal(count(t.db, "persons WHERE family_name LIKE 'Resume%'"), 6, 'the two whole batches before it, nothing of its own');
  sql(t.db, t.db.startsWith('postgres') ? 'DROP TRIGGER refuse ON persons' : 'DROP TRIGGER refuse');
  const second = run(t.db, file, ['--batch', '3']);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /resuming after line 7 \(6 imported, 0 rejected before\)/);
  assert.match(second.stdout, /imported 4 people, rejected 0 rows/);
  assert.equal(count(t.db, "persons WHERE family_name LIKE 'Resume%'"), 10);
  assert.equal(count(t.db, "audit_trail WHERE action = 'create' AND resource_type = 'person'"), 10);
  assert.equal(cli(['audit', 'verify', '--db', t.db]).status, 0);
  rmSync(t.dir, { recursive: true, force: true });
});

test('a large file: 20,000 rows in batches, every one imported and audited', () => {
  const t = setup();
  const numbers = validNumbers(20000, 430000000);
  const body = numbers.map((n, i) => `Large${letters(i)},Gen${letters(i % 37)},19${30 + (i % 60)}-0${1 + (i % 9)}-1${i % 9},` +
    `${['female', 'male'][i % 2]},${n},LE${1 + (i % 19)} ${i % 10}AB`).join('\n');
  const file = t.file('large.csv', 'family_name,given_name,date_of_birth,sex,nhs_number,postcode\n' + body + '\n');
  const r = run(t.db, file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 20000 people, rejected 0 rows/);
  assert.equal(count(t.db, "persons WHERE family_name LIKE 'Large%'"), 20000);
  assert.equal(count(t.db, "audit_trail WHERE action = 'create' AND resource_type = 'person'"), 20000);
  rmSync(t.dir, { recursive: true, force: true });
});

const COUNTY = 1100000;
const countySkip = BACKEND !== 'sqlite' ? 'the county file runs on SQLite; 20,000 rows above on this backend'
  : /asan/.test(BIN) ? 'the county file runs with the plain build; 20,000 rows above under the sanitizers' : false;
test('a county: 1.1 million rows, a bad one every 100,000, the rest imported and audited', { skip: countySkip }, async () => {
  const t = setup();
  const numbers = validNumbers(COUNTY, 600000000);
  const bad = new Set();
  const chunks = ['family_name,given_name,date_of_birth,sex,nhs_number,postcode\n'];
  for (let i = 0; i < COUNTY; i++) {
    let n = numbers[i];
    if (i % 100000 === 99999) { n = wrongCheck(n); bad.add(i + 2); }   // line = row + 2 (header is line 1)
    chunks.push(`County${letters(i)},Gen${letters(i % 37)},19${30 + (i % 60)}-0${1 + (i % 9)}-1${i % 9},` +
      `${['female', 'male'][i % 2]},${n},LE${1 + (i % 19)} ${i % 10}AB\n`);
  }
  const file = t.file('county.csv', chunks.join(''));
  const report = path.join(t.dir, 'rejected.csv');
  const r = await cliAsync(['import', 'persons', '--db', t.db, '--from', file, '--org', 'SCC', '--report', report]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, new RegExp(`imported ${COUNTY - 11} people, rejected 11 rows`));
  const lines = readFileSync(report, 'utf8').trim().split('\n').slice(1);
  assert.deepEqual(lines.map((l) => Number(l.split(',')[0])), [...bad]);
  for (const l of lines) assert.match(l, /nhs_number.*check digit/);
  assert.equal(count(t.db, "persons WHERE family_name LIKE 'County%'"), COUNTY - 11);
  assert.equal(count(t.db, "audit.audit_log WHERE action = 'create' AND resource_type = 'person'"), COUNTY - 11);
  assert.equal(sql(t.db, 'SELECT imported || \'|\' || rejected FROM import_runs'), `${COUNTY - 11}|11`);
  const v = await cliAsync(['audit', 'verify', '--db', t.db]);
  assert.equal(v.status, 0, v.stderr);
  rmSync(t.dir, { recursive: true, force: true });
});

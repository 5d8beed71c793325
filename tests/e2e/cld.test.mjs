// The Client Level Data return (`seamless cld export|check`, issue #18):
// the demo county's quarter as the national CSV — its Release 1 header, one
// row per event, the same bytes for the same data and period — refused
// while rows break the specification (each problem named with the event
// reference), written once the practitioner has recorded what was missing
// through the API, and audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, startServer, newDatabase, TODAY, addMonths } from './harness.mjs';

const COLUMNS = ['LA_Code', 'Reporting_Period_Start_Date', 'Reporting_Period_End_Date', 'Client_Type',
  'LA_Person_Unique_Identifier', 'NHS_Number', 'GP_Practice_Code', 'GP_Practice_Name', 'Gender', 'Ethnicity',
  'Date_of_Birth', 'Date_of_Death', 'Primary_Support_Reason', 'Postcode', 'Accommodation_Status',
  'Employment_Status', 'Has_Unpaid_Carer', 'Autism_Spectrum_Disorder_ASD', 'Visual_Impairment',
  'Hearing_Impairment', 'Dementia', 'Client_Funding_Status', 'Event_Type', 'Event_Reference', 'Event_Start_Date',
  'Event_End_Date', 'Event_Description', 'Event_Outcome', 'Request_Route_of_Access', 'Assessment_Type',
  'Eligible_Needs_Identified', 'Method_of_Assessment', 'Total_Hrs_Caring_per_week', 'No_of_adults_being_cared_for',
  'Adult_1_Linked_Person_ID', 'Adult_2_Linked_Person_ID', 'Adult_3_Linked_Person_ID', 'Service_Type',
  'Service_Component', 'Delivery_Mechanism', 'Provider_CQC_Location_ID', 'Provider_CQC_Location_Name',
  'Review_Reason', 'Review_Outcomes_Achieved', 'Method_of_Review', 'Unit_Cost', 'Cost_Frequency_Unit_Type',
  'Planned_units_per_week'];

// RFC 4180, written independently of the server: fields, quotes doubled, CRLF.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  return rows;
}

// The financial quarter holding today (Q3: October–December for 2 December).
const month = Number(TODAY.slice(5, 7));
const qStartMonth = [4, 7, 10, 1][Math.floor(((month + 8) % 12) / 3)];
const FROM = `${TODAY.slice(0, 4)}-${String(qStartMonth).padStart(2, '0')}-01`;
const TO = (() => {
  const end = new Date(Date.parse(addMonths(FROM, 3)) - 86400000);
  return end.toISOString().slice(0, 10);
})();

let srv, dir, db;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'seamless-cld-'));
  db = newDatabase(dir);
  const r = cli(['demo', '--db', db, '--persons', '2000', '--seed', '11']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db, dir });
});
after(async () => { await srv?.stop(); srv?.cleanup(); rmSync(dir, { recursive: true, force: true }); });

const period = () => ['--db', db, '--from', FROM, '--to', TO];

test('the quarter as the national CSV: header, one row per event, the same bytes twice', () => {
  const a = cli(['cld', 'export', ...period(), '--allow-invalid']);
  assert.equal(a.status, 0, a.stderr);
  const b = cli(['cld', 'export', ...period(), '--allow-invalid']);
  assert.equal(b.stdout, a.stdout, 'byte-identical for the same data and period');
  const rows = parseCsv(a.stdout);
  assert.deepEqual(rows[0], COLUMNS);
  assert.ok(rows.length > 5, `events in the quarter (${rows.length - 1})`);
  const council = sql(db, "SELECT code FROM organisations WHERE type = 'council'");
  const refs = new Set();
  for (const r of rows.slice(1)) {
    assert.equal(r.length, COLUMNS.length);
    const v = Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]]));
    assert.equal(v.LA_Code, council);
    assert.equal(v.Reporting_Period_Start_Date, FROM);
    assert.equal(v.Reporting_Period_End_Date, TO);
    assert.ok(['Request', 'Assessment', 'Service', 'Review'].includes(v.Event_Type), v.Event_Type);
    assert.ok(!refs.has(v.Event_Reference), 'each event once');
    refs.add(v.Event_Reference);
    if (v.Event_Type !== 'Service') {
      assert.ok(v.Event_End_Date >= FROM && v.Event_End_Date <= TO, 'completed in the period');
    } else {
      assert.ok(v.Event_Start_Date <= TO && (!v.Event_End_Date || v.Event_End_Date >= FROM), 'active in it');
    }
    assert.ok(v.Event_Start_Date <= (v.Event_End_Date || v.Event_Start_Date));
    const age = Number(v.Event_Start_Date.slice(0, 4)) - Number(v.Date_of_Birth.slice(0, 4));
    assert.ok(age >= 18, 'adults only');
  }
});

test('rows that break the specification stop the export, each named with its event reference', () => {
  const r = cli(['cld', 'export', ...period()]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '', 'nothing written');
  assert.match(r.stderr, /^row 1 \((REQ|ASM|SVC|STM|REV)-[^)]+\): [A-Za-z_]+ /m);
  assert.match(r.stderr, /Ethnicity is mandatory/);
  assert.match(r.stderr, /the return was not written/);
  const check = cli(['cld', 'check', ...period()]);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /\d+ rows, \d+ with problems/);
  const bad = cli(['cld', 'export', '--db', db, '--from', TO, '--to', FROM]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--to /);
});

test('what a practitioner records reaches the return; values off the code lists are refused', async () => {
  const rows = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  const token = srv.token('sw.jones');
  // A person in the return whom sw.jones may see.
  let person;
  for (const r of rows) {
    const id = sql(db, `SELECT id FROM persons WHERE nhs_number = '${r[5]}'`);
    if (!id) continue;
    const got = await srv.api('GET', `/api/v1/persons/${id}/cld-attributes`, { token });
    if (got.status === 200) { person = { id, nhs: r[5] }; assert.equal(got.json.version, 0); break; }
  }
  assert.ok(person, 'sw.jones holds someone in the return');
  const url = `/api/v1/persons/${person.id}/cld-attributes`;
  const before = sql(db, 'SELECT COUNT(*) FROM person_cld_attributes');
  const refused = await srv.api('PUT', url, { token, body: { version: 0, ethnicity: 'British' } });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.errors[0].field, 'ethnicity');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM person_cld_attributes'), before, 'a refused request stores nothing');
  const body = { version: 0, ethnicity: 'Asian or Asian British - Indian', primary_support_reason:
    'Support with Memory & Cognition', accommodation_status: 'Owner occupier or shared ownership scheme',
    has_unpaid_carer: 'Yes', client_funding_status: 'Joint Client and Social Care Funded' };
  const put = await srv.api('PUT', url, { token, body });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.headers.get('etag'), 'W/"1"');
  assert.equal(put.json.ethnicity, body.ethnicity);
  const stale = await srv.api('PUT', url, { token, body });
  assert.equal(stale.status, 409, 'version 0 again is stale');
  const after2 = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  const mine = after2.filter((r) => r[5] === person.nhs);
  assert.ok(mine.length > 0);
  for (const r of mine) {
    assert.equal(r[COLUMNS.indexOf('Ethnicity')], body.ethnicity);
    assert.equal(r[COLUMNS.indexOf('Has_Unpaid_Carer')], 'Yes');
  }
  // Someone with no relationship cannot read or record them.
  const other = await srv.api('GET', url, { token: srv.token('fd.ali') });
  assert.ok([403].includes(other.status), `fd.ali: ${other.status}`);
});

test('how an assessment was carried out is recorded on it and reaches the return', async () => {
  const token = srv.token('sw.jones');
  const rows = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  const ref = COLUMNS.indexOf('Event_Reference'), method = COLUMNS.indexOf('Method_of_Assessment');
  const asm = rows.find((r) => r[ref].startsWith('ASM-'));
  assert.ok(asm, 'an assessment in the return');
  const id = asm[ref].slice(4);
  // The medium (Release 1 asks who took part) and nonsense alike are refused, naming the field.
  for (const wrong of ['By pigeon', 'Telephone', 'Face to Face']) {
    const bad = await srv.api('PUT', `/api/v1/cld/assessments/${id}`, { token, body: { method: wrong } });
    assert.equal(bad.status, 422, wrong);
    assert.equal(bad.json.errors[0].field, 'method');
  }
  const ok = await srv.api('PUT', `/api/v1/cld/assessments/${id}`, { token, body: { method: 'Service user and carer' } });
  assert.equal(ok.status, 204, ok.text);
  const again = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  assert.equal(again.find((r) => r[ref] === asm[ref])[method], 'Service user and carer');
  const check = cli(['cld', 'check', ...period()]).stdout;
  assert.doesNotMatch(check, new RegExp(`\\(${asm[ref]}\\): Method_of_Assessment`));
  const missing = await srv.api('PUT', '/api/v1/cld/assessments/nope', { token, body: { method: 'Carer only' } });
  assert.equal(missing.status, 404);
});

test('what a planned review achieved is recorded in the Release 1 words and reaches the return', async () => {
  const token = srv.token('sw.jones');
  const ref = COLUMNS.indexOf('Event_Reference'), outcomes = COLUMNS.indexOf('Review_Outcomes_Achieved');
  // The demo county runs no direct payments: one, reviewed in the quarter, is written straight to the
  // tables for a person whose assessment sw.jones may record on (the test above).
  const asm = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1)
    .find((r) => r[ref].startsWith('ASM-'));
  const [person, org, team] = sql(db, `SELECT person_id || '|' || org_id || '|' || team_id FROM care_act_assessments
    WHERE id = '${asm[ref].slice(4)}'`).split('|');
  const own = (n) => `${person.slice(0, 24)}${String(n).repeat(24)}`;
  const [plan, pb, dp, id] = [own('a'), own('b'), own('c'), own('d')];
  sql(db, `INSERT INTO care_plans (id, person_id, org_id, team_id, needs, outcomes, start_on, review_on, status,
      created_at, updated_at) VALUES ('${plan}', '${person}', '${org}', '${team}', 'n', 'o', '${FROM}', '${TO}', 'active', 'x', 'x');
    INSERT INTO personal_budgets (id, plan_id, person_id, weekly_budget_pence, council_weekly_pence, person_weekly_pence,
      weekly_contribution_pence, status, created_at, updated_at) VALUES ('${pb}', '${plan}', '${person}', 100, 100, 0, 0,
      'agreed', 'x', 'x');
    INSERT INTO direct_payments (id, budget_id, plan_id, person_id, requested_by, capacity_basis, able_to_manage,
      start_on, weekly_amount_pence, created_at, updated_at) VALUES ('${dp}', '${pb}', '${plan}', '${person}', 'person',
      'has_capacity', 1, '${FROM}', 100, 'x', 'x');
    INSERT INTO direct_payment_reviews (id, direct_payment_id, plan_id, person_id, due_on, reviewed_on, outcome, created_at)
      VALUES ('${id}', '${dp}', '${plan}', '${person}', '${FROM}', '${FROM}', 'continue', 'x');`);
  const rev = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1)
    .find((r) => r[ref] === `REV-${id}`);
  assert.ok(rev, 'the review in the return');
  assert.equal(rev[outcomes], '');
  assert.match(cli(['cld', 'check', ...period()]).stdout,
    new RegExp(`\\(REV-${id}\\): Review_Outcomes_Achieved is mandatory for a planned review`));
  const url = `/api/v1/cld/reviews/${id}`;
  // The wording Release 1 replaced, the guidance's own lower-case prose and an unknown are refused, naming the field.
  for (const wrong of ['Fully achieved', 'Fully met', 'Unknown']) {
    const bad = await srv.api('PUT', url, { token, body: { method: 'Service user only', outcomes_achieved: wrong } });
    assert.equal(bad.status, 422, wrong);
    assert.equal(bad.json.errors[0].field, 'outcomes_achieved');
  }
  const ok = await srv.api('PUT', url, { token, body: { method: 'Service user only', outcomes_achieved: 'Partially Met' } });
  assert.equal(ok.status, 204, ok.text);
  const again = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  assert.equal(again.find((r) => r[ref] === rev[ref])[outcomes], 'Partially Met');
  assert.doesNotMatch(cli(['cld', 'check', ...period()]).stdout, new RegExp(`\\(${rev[ref]}\\): Review_Outcomes_Achieved`));
  // A value stored under the old wording (as before migration 043) is named with the review's reference.
  sql(db, `UPDATE direct_payment_reviews SET cld_outcomes_achieved = 'Fully achieved' WHERE id = '${id}'`);
  try {
    const check = cli(['cld', 'check', ...period()]);
    assert.equal(check.status, 1);
    assert.match(check.stdout, new RegExp(`\\(${rev[ref]}\\): Review_Outcomes_Achieved is not on the column's code list`));
  } finally {
    sql(db, `UPDATE direct_payment_reviews SET cld_outcomes_achieved = 'Partially Met' WHERE id = '${id}'`);
  }
});

test('the file speaks Release 1: routes, assessment types and reasons on their lists; a stored value off one is named', () => {
  const rows = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  const col = (name) => COLUMNS.indexOf(name);
  const routes = new Set(['Planned Entry (Transition)', 'Discharge from Hospital', 'Diversion from Hospital Services',
    'Community / Other route', 'Prison', 'Self-Funder', 'Discharge from Reablement', 'Transfer from Other LA']);
  for (const r of rows) {
    if (r[col('Event_Type')] === 'Request') assert.ok(routes.has(r[col('Request_Route_of_Access')]), r[col('Request_Route_of_Access')]);
    if (r[col('Event_Type')] === 'Assessment') {
      assert.equal(r[col('Assessment_Type')], 'Long Term Assessment');
      assert.equal(r[col('Client_Type')] === 'Carer' || r[col('Client_Type')] === 'Service User', true);
    }
    if (r[col('Event_Type')] === 'Review') assert.equal(r[col('Review_Reason')], 'Planned');
  }
  // A value stored under the superseded wording (as before migration 041) is named with its event.
  const asm = rows.find((r) => r[col('Event_Reference')].startsWith('ASM-'));
  const id = asm[col('Event_Reference')].slice(4);
  const was = sql(db, `SELECT COALESCE(cld_method, '') FROM care_act_assessments WHERE id = '${id}'`);
  sql(db, `UPDATE care_act_assessments SET cld_method = 'Face to Face' WHERE id = '${id}'`);
  try {
    const check = cli(['cld', 'check', ...period()]);
    assert.equal(check.status, 1);
    assert.match(check.stdout, new RegExp(`\\(ASM-${id}\\): Method_of_Assessment is not on the column's code list`));
  } finally {
    sql(db, `UPDATE care_act_assessments SET cld_method = ${was ? `'${was}'` : 'NULL'} WHERE id = '${id}'`);
  }
});

test('the returns officer sees the same return on a page and downloads the same bytes', async () => {
  const token = srv.token('finance');
  const q = `from=${FROM}&to=${TO}`;
  const report = await srv.api('GET', `/api/v1/reports/cld?${q}`, { token });
  assert.equal(report.status, 200, report.text);
  const cliRows = parseCsv(cli(['cld', 'export', ...period(), '--allow-invalid']).stdout).slice(1);
  assert.equal(report.json.rows, cliRows.length);
  const counts = { Request: 0, Assessment: 0, Service: 0, Review: 0 };
  for (const r of cliRows) counts[r[COLUMNS.indexOf('Event_Type')]]++;
  assert.deepEqual(report.json.by_event_type, counts);
  assert.ok(report.json.invalid_rows > 0);
  assert.match(report.json.problems[0].event_reference, /^(REQ|ASM|SVC|STM|REV)-/);
  // While rows are invalid the CSV is refused, naming each event; allow_invalid gives the CLI's bytes.
  const refused = await srv.api('GET', `/api/v1/reports/cld?${q}&format=csv`, { token });
  assert.equal(refused.status, 422);
  assert.match(refused.json.errors[0].field, /^(REQ|ASM|SVC|STM|REV)-/);
  const csv = await srv.api('GET', `/api/v1/reports/cld?${q}&format=csv&allow_invalid=1`, { token });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.equal(csv.text, cli(['cld', 'export', ...period(), '--allow-invalid']).stdout);
  // The page, for the finance officer; a practitioner is refused.
  const page = await fetch(`${srv.base}/reports/cld?${q}`, { headers: { Authorization: `Bearer ${token}` } });
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /Client Level Data return/);
  assert.match(html, /Correct these records before you submit/);
  const sw = await srv.api('GET', `/api/v1/reports/cld?${q}`, { token: srv.token('sw.jones') });
  assert.equal(sw.status, 403);
  // Without a period: the quarter before today's.
  const dflt = await srv.api('GET', '/api/v1/reports/cld', { token });
  assert.equal(dflt.status, 200);
  assert.ok(dflt.json.to < TODAY && dflt.json.from <= dflt.json.to);
});

test('the export is audited per person and the chain still verifies', () => {
  const n = Number(sql(db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'cld_return' AND person_id IS NULL"));
  assert.ok(n >= 1, 'one entry for each return produced');
  const people = Number(sql(db, "SELECT COUNT(DISTINCT person_id) FROM audit_trail WHERE resource_type = 'cld_return'"));
  assert.ok(people > 0, 'each person in it');
  const v = cli(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

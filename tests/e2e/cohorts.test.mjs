// Case-finding cohorts end-to-end: membership at each edge (4 vs 5
// long-term conditions, 2.99 × vs 3 × the average predicted cost, eFI 8 vs
// 9 deficits or a frailty flag, adults only where the rule says so), the
// reason shown, paging, CSV export, locality-only access, audited listing,
// and the case-finding feed's validation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './harness.mjs';

let srv, t;
const people = {};
const EFI = ['activity_limitation', 'anaemia', 'arthritis', 'atrial_fibrillation', 'cerebrovascular_disease',
             'chronic_kidney_disease', 'diabetes', 'dizziness', 'dyspnoea'];

before(async () => {
  srv = await startServer();
  t = { jones: srv.token('sw.jones'), south: srv.token('admin'), chc: srv.token('chc.lead') };
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN02'");
  // Ten people whose costs average exactly £100.00: 3 × is £300.00.
  const spec = [
    ['Ltc5', '1950-01-01', { ltc_count: 5, predicted_cost_pence: 5000 }],
    ['Ltc4', '1950-01-02', { ltc_count: 4, predicted_cost_pence: 5000 }],
    ['ChildLtc6', '2015-01-01', { ltc_count: 6, predicted_cost_pence: 5000 }],
    ['Cost300', '1950-01-03', { ltc_count: 0, predicted_cost_pence: 30000 }],
    ['Cost299', '1950-01-04', { ltc_count: 0, predicted_cost_pence: 29900 }],
    ['Efi9', '1940-01-01', { ltc_count: 1, predicted_cost_pence: 5000, efi_deficits: EFI }],
    ['Efi8', '1940-01-02', { ltc_count: 1, predicted_cost_pence: 5000, efi_deficits: EFI.slice(0, 8) }],
    ['Flagged', '1940-01-03', { ltc_count: 1, predicted_cost_pence: 5000, frailty_flag: true }],
    ['Plain', '1980-01-01', { ltc_count: 0, predicted_cost_pence: 5000 }],
    ['Plain2', '1980-01-02', { ltc_count: 0, predicted_cost_pence: 5100 }],
  ];
  for (const [name, dob, cf] of spec) {
    const r = await srv.api('POST', '/api/v1/persons', { token: t.jones, body: {
      family_name: name, given_name: 'Test', date_of_birth: dob, sex: 'female', gp_practice_id: gp } });
    assert.equal(r.status, 201, r.text);
    people[name] = r.json.id;
    const c = await srv.api('PUT', `/api/v1/persons/${r.json.id}/case-finding`, { token: t.jones,
      body: { efi_deficits: [], frailty_flag: false, ...cf } });
    assert.equal(c.status, 200, c.text);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

async function cohort(kind, query = '', token = t.jones) {
  return srv.api('GET', `/api/v1/localities/NORTH/cohorts/${kind}${query}`, { token });
}
const names = (r) => r.json.items.map((i) => i.family_name).sort();

test('five or more long-term conditions, adults only', async () => {
  const r = await cohort('ltc5');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(names(r), ['Ltc5']);
  assert.equal(r.json.items[0].reason, '5 long-term conditions (5 or more)');
  assert.equal(r.json.total, 1);
});

test('predicted cost: exactly 3 × the average is in, 2.99 × is not', async () => {
  const r = await cohort('high_cost');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.average_cost_pence, 10000);
  assert.deepEqual(names(r), ['Cost300']);
  assert.match(r.json.items[0].reason, /3\.00 × the average/);
});

test('frailty: eFI 9 deficits (moderate) or a flag; 8 (mild) is not enough', async () => {
  const r = await cohort('frailty');
  assert.deepEqual(names(r), ['Efi9', 'Flagged']);
  const why = Object.fromEntries(r.json.items.map((i) => [i.family_name, i.reason]));
  assert.equal(why.Efi9, 'eFI moderate frailty');
  assert.equal(why.Flagged, 'frailty flag recorded');
});

test('pages and CSV export; each listed person is audited', async () => {
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE resource_type = 'cohort'"));
  const p1 = await cohort('frailty', '?limit=1&page=1');
  const p2 = await cohort('frailty', '?limit=1&page=2');
  assert.equal(p1.json.pages, 2);
  assert.notEqual(p1.json.items[0].id, p2.json.items[0].id);
  const after = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE resource_type = 'cohort'"));
  assert.equal(after - before, 2);
  const csv = await cohort('frailty', '?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'nhs_number,family_name,given_name,date_of_birth,postcode,gp_practice_code,ltc_count,efi_count,predicted_cost_pence,reason');
  assert.equal(lines.length, 3);
  assert.match(csv.text, /"Efi9"/);
  const bad = await cohort('frailty', '?page=0');
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'page');
});

test('only the locality\'s teams see its cohorts; unknown cohorts are 404', async () => {
  assert.equal((await cohort('ltc5', '', t.chc)).status, 403);
  assert.equal((await cohort('diabetes')).status, 404);
  assert.equal((await srv.api('GET', '/api/v1/localities/NOWHERE/cohorts/ltc5', { token: t.jones })).status, 404);
});

test('the case-finding feed validates each field and changes nothing on error', async () => {
  const id = people.Plain;
  const r = await srv.api('PUT', `/api/v1/persons/${id}/case-finding`, { token: t.jones, body: {
    ltc_count: -1, predicted_cost_pence: 'lots', efi_deficits: ['falls', 'not_a_deficit'], frailty_flag: 'yes' } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json.errors.map((e) => e.field).sort(),
                   ['efi_deficits[1]', 'frailty_flag', 'ltc_count', 'predicted_cost_pence']);
  assert.equal(sql(srv.db, `SELECT ltc_count || ':' || predicted_cost_pence FROM persons WHERE id = '${id}'`), '0:5000');
  const other = await srv.api('PUT', `/api/v1/persons/${id}/case-finding`, { token: t.chc, body: {
    ltc_count: 1, predicted_cost_pence: 1 } });
  assert.equal(other.status, 403, 'no relationship, no write');
});

test('keyset paging: "next" leads through the whole list in order, and a bad cursor is 422', async () => {
  const whole = await cohort('frailty');
  const order = whole.json.items.map((i) => i.id);
  assert.equal(order.length, 2);
  assert.equal(whole.json.next, undefined, 'no next page after the last');
  const seen = [];
  let r = await cohort('frailty', '?limit=1');
  assert.equal(r.json.page, 1);
  for (;;) {
    assert.equal(r.status, 200, r.text);
    seen.push(...r.json.items.map((i) => i.id));
    assert.equal(r.json.total, 2);
    if (!r.json.next) break;
    r = await cohort('frailty', `?limit=1&after=${encodeURIComponent(r.json.next)}`);
    assert.equal(r.json.page, undefined, 'a cursor page has no page number');
  }
  assert.deepEqual(seen, order);
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit_log WHERE resource_type = 'cohort'"));
  for (const bad of ['nonsense', '-9.abc.zz', '1..41']) {
    const b = await cohort('frailty', `?after=${encodeURIComponent(bad)}`);
    assert.equal(b.status, 422, bad);
    assert.equal(b.json.errors[0].field, 'after');
  }
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit_log WHERE resource_type = 'cohort'")), before,
               'a refused page audits nobody');
});

test('the lists follow the case-finding feed: a person enters in rank order and leaves', async () => {
  const put = (id, body) => srv.api('PUT', `/api/v1/persons/${id}/case-finding`, { token: t.jones,
    body: { efi_deficits: [], frailty_flag: false, predicted_cost_pence: 5000, ...body } });
  assert.equal((await put(people.Plain, { ltc_count: 7 })).status, 200);
  let r = await cohort('ltc5');
  assert.deepEqual(r.json.items.map((i) => i.family_name), ['Plain', 'Ltc5'], 'seven conditions rank above five');
  assert.equal(r.json.total, 2);
  assert.equal((await put(people.Plain, { ltc_count: 5 })).status, 200);
  r = await cohort('ltc5');
  assert.deepEqual(r.json.items.map((i) => i.family_name), ['Ltc5', 'Plain'], 'a tie is in name order');
  // Paging across the tie by cursor gives the same order.
  const first = await cohort('ltc5', '?limit=1');
  const second = await cohort('ltc5', `?limit=1&after=${encodeURIComponent(first.json.next)}`);
  assert.deepEqual([first.json.items[0].family_name, second.json.items[0].family_name], ['Ltc5', 'Plain']);
  assert.equal((await put(people.Plain, { ltc_count: 0 })).status, 200);
  r = await cohort('ltc5');
  assert.deepEqual(names(r), ['Ltc5']);
  assert.equal(r.json.total, 1);
});

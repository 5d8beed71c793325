// Transfers of care from a hospital stay: the IDT raises the referral the
// person's pathway needs through the single referral point (received at
// the council's front door, due by its urgency), linked to the stay; the
// receiving service is named on the stay and the board and can see the
// stay from then on; a kind that does not fit the pathway, or a stay with
// no pathway yet, is 422 naming the field and stores nothing; audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, sql, nowMs, TODAY } from './harness.mjs';

let srv, feed, idt, stay, person;
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const count = (table, where = '1 = 1') => Number(sql(srv.db, `SELECT COUNT(*) FROM ${table} WHERE ${where}`));
const transfer = (body, token = idt) => srv.api('POST', `/api/v1/hospital-stays/${stay}/transfers`, { token, body });
const good = { kind: 'care_act_assessment', reason: 'Needs help with washing and dressing; lives alone',
               consent: 'given' };

before(async () => {
  srv = await startServer();
  feed = srv.token('sht.pas');
  idt = srv.token('idt.nurse');
  // Registered with a north practice: the north locality's team receives her assessment.
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: '9434765919', gp_practice_id: gp } });
  assert.equal(p.status, 201, p.text);
  person = p.json.id;
  const ward = sql(srv.db, "SELECT w.code FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
                           + " JOIN teams t ON t.id = w.idt_team_id WHERE o.code = 'SHT' AND t.code = 'IDT' LIMIT 1");
  const r = await srv.api('POST', '/api/v1/hospital-events', { token: feed, body: {
    event_id: 'T-1', event: 'admit', occurred_at: iso(-48), nhs_number: '9434765919', visit_number: 'SPELL-T1', ward } });
  assert.equal(r.status, 201, r.text);
  stay = r.json.stay_id;
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('no transfer before the pathway is chosen, nor one that does not fit it; nothing is stored', async () => {
  let r = await transfer(good);
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['pathway']);
  const pw = await srv.api('POST', `/api/v1/hospital-stays/${stay}/pathway`, { token: idt,
    body: { pathway: 1, planned_destination: 'Home with support' } });
  assert.equal(pw.status, 200, pw.text);
  const cases = [
    [{ ...good, kind: 'care_home' }, ['kind']],           // a care home is pathway 3
    [{ ...good, kind: 'taxi' }, ['kind']],
    [{ ...good, reason: '' }, ['reason']],
    [{ ...good, consent: 'refused' }, ['consent']],
    [{ ...good, urgency: 'whenever' }, ['urgency']],
  ];
  for (const [body, fields] of cases) {
    r = await transfer(body);
    assert.equal(r.status, 422, r.text);
    assert.deepEqual(r.json.errors.map((e) => e.field), fields, JSON.stringify(body));
  }
  assert.equal(count('referrals'), 0);
  assert.equal(count('stay_transfers'), 0);
});

test('a transfer raises a referral at the front door, linked to the stay; the receiving team can see the stay',
  async () => {
    const sw = srv.token('sw.jones');   // in the north locality's team, which receives social care assessments
    assert.equal((await srv.api('GET', `/api/v1/hospital-stays/${stay}`, { token: sw })).status, 403);
    const r = await transfer(good);
    assert.equal(r.status, 201, r.text);
    const t = r.json.stay.transfers[0];
    assert.equal(t.kind, 'care_act_assessment');
    assert.equal(t.kind_label, 'Social care assessment');
    assert.equal(t.team_name, sql(srv.db, "SELECT name FROM teams WHERE code = 'ILT-NORTH'"));
    // The referral: received at the front door, from the ward, urgent, for this person.
    const ref = sql(srv.db, `SELECT r.status || '|' || r.source || '|' || r.urgency || '|' || tm.code || '|' || r.person_id`
                            + ` FROM referrals r JOIN teams tm ON tm.id = r.front_door_team_id WHERE r.id = '${t.referral_id}'`);
    assert.equal(ref, `received|ward|urgent|FRONT-DOOR|${person}`);
    assert.ok(sql(srv.db, `SELECT due_at FROM referrals WHERE id = '${t.referral_id}'`) > iso(0));
    // The receiving team has a relationship now; the board names the transfer.
    assert.equal((await srv.api('GET', `/api/v1/hospital-stays/${stay}`, { token: sw })).status, 200);
    const board = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT&show=all', { token: idt });
    const row = board.json.items.find((i) => i.id === stay);
    assert.equal(row.transfer_kind, 'care_act_assessment');
    // Audited with the IDT's basis, as one piece of work.
    assert.equal(count('audit_trail', `resource_type IN ('referral', 'stay_transfer') AND action = 'create'`
                                    + ` AND person_id = '${person}'`), 2);
    // The stay's history says so.
    assert.equal(count('stay_changes', `stay_id = '${stay}' AND field = 'transfer'`), 1);
  });

// An XLSX download: the workbook's sheet names and its shared strings.
async function workbook(url, name) {
  const res = await fetch(srv.base + url, { headers: { Authorization: `Bearer ${idt}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const file = path.join(srv.dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const unzip = (part) => execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
  return { sheets: [...unzip('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((x) => x[1]),
           strings: unzip('xl/sharedStrings.xml'), sheet1: unzip('xl/worksheets/sheet1.xml') };
}

test('the board and the daily situation download as XLSX workbooks', async () => {
  const b = await workbook('/api/v1/discharge/board.xlsx?hospital=SHT&show=all', 'board.xlsx');
  assert.deepEqual(b.sheets, ['Board']);
  for (const s of ['NHS number', 'Ruth Ashby', '943 476 5919', 'Home with support', 'Social care assessment'])
    assert.ok(b.strings.includes(s), s);
  const s = await workbook(`/api/v1/discharge/situation?hospital=SHT&on=${TODAY}&format=xlsx`, 'situation.xlsx');
  assert.deepEqual(s.sheets, ['Summary', 'Discharges by pathway', 'Delayed by reason', 'By length of delay']);
  assert.ok(s.strings.includes('People not meeting the criteria to reside'));
  assert.ok(!s.strings.includes('Ashby'));   // aggregates only
  // The page links to the downloads.
  const login = await srv.login('idt.nurse');
  const page = await (await fetch(srv.base + '/discharge?hospital=SHT&show=all', { headers: { Cookie: login.cookie } })).text();
  assert.match(page, /href="\/discharge\/board\.xlsx\?hospital=SHT/);
});

test('staff with no part in the stay cannot raise a transfer; none once the person has left', async () => {
  const r = await transfer(good, srv.token('rn.patel'));
  assert.equal(r.status, 403);
  const dis = await srv.api('POST', '/api/v1/hospital-events', { token: feed, body: {
    event_id: 'T-2', event: 'discharge', occurred_at: iso(-1), nhs_number: '9434765919', visit_number: 'SPELL-T1' } });
  assert.equal(dis.status, 201, dis.text);
  const late = await transfer({ ...good, kind: 'reablement' });
  assert.equal(late.status, 409);
  assert.equal(count('stay_transfers'), 1);
});

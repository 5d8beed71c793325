// Hospital discharge end to end: a real HL7 v2 client (node-hl7-client)
// sends ADT messages over MLLP to `seamless serve --mllp-listen … --mllp-org
// SHT`; each gets one ACK (AA, AE or AR) naming the control id; the IDT
// works the stay through the JSON API (criteria-to-reside review, DRD
// correction, delay reasons that change mid-stay and add up by sector);
// access and audit: the IDT sees the stay, a council social worker with no
// part in it does not; the intake is audited as the system.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import Client, { HL7_2_5 } from 'node-hl7-client';
import { startServer, sql, day, nowMs } from './harness.mjs';

let srv, conn, t = {};
const NHS = '9434765919';

// HL7 TS for NOW + hours (UTC, with its offset so no time zone is guessed).
const ts = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/[-:T]/g, '').slice(0, 14) + '+0000';

// The same instant as a Date, for the builder's timestamp fields (it writes
// them in the test process's time zone, without an offset).
const at_ = (hours) => new Date(nowMs() + hours * 3600e3);

let waiting = null;
function send(msg) {
  return new Promise((resolve) => { waiting = resolve; conn.sendMessage(msg); });
}
function adt(event, ctl, { pid3 = `${NHS}^^^NHS^NH`, ward = 'W12^^4', visit = 'SPELL-1', at = -2, admit, discharge } = {}) {
  const b = new HL7_2_5().buildMSH({ msh_3: 'PAS', msh_4: 'SHT', msh_5: 'SEAMLESS', msh_6: 'SCC', msh_7: at_(at),
                                     msh_9_1: 'ADT', msh_9_2: event, msh_10: ctl, msh_11_1: 'P' })
    .buildEVN({ evn_1: event, evn_2: at_(at) });
  b.buildPID({ pid_3: pid3, pid_5: 'Ashby^Ruth' });
  b.buildPV1({ pv1_2: 'I', pv1_3: ward, pv1_19: visit, pv1_44: admit, pv1_45: discharge });
  return b.toMessage();
}

// Raw MLLP for what no well-behaved client library will build.
function raw(text) {
  return new Promise((resolve, reject) => {
    const [host, port] = srv.mllp.split(':');
    const s = net.connect(Number(port), host);
    let got = '';
    s.on('data', (d) => { got += d.toString('latin1'); if (got.endsWith('\x1c\r')) { s.end(); resolve(got.slice(1, -2)); } });
    s.on('error', reject);
    s.write('\x0b' + text + '\x1c\r');
  });
}
const seg = (ack, id) => ack.split('\r').find((l) => l.startsWith(id + '|')) ?? '';

before(async () => {
  srv = await startServer({ args: ['--mllp-listen', '127.0.0.1:0', '--mllp-org', 'SHT'] });
  assert.match(srv.mllp, /^127\.0\.0\.1:\d+$/);
  for (const u of ['idt.nurse', 'sw.jones', 'fd.ali']) t[u] = srv.token(u);
  const p = await srv.api('POST', '/api/v1/persons', { token: t['fd.ali'], body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: NHS } });
  assert.equal(p.status, 201, p.text);
  const client = new Client({ host: '127.0.0.1', version: '2.5' });
  conn = client.createConnection({ port: Number(srv.mllp.split(':')[1]), waitAck: true }, async (res) => {
    const m = res.getMessage();
    const w = waiting;
    waiting = null;
    w?.({ code: m.get('MSA.1').toString(), control: m.get('MSA.2').toString(), text: m.toString() });
  });
  await new Promise((r) => conn.once('connect', r));
});
after(async () => { await conn?.close(); await srv?.stop(); srv?.cleanup(); });

const stayId = () => sql(srv.db, "SELECT id FROM hospital_stays WHERE visit_number = 'SPELL-1'");

test('an admission over MLLP is acknowledged AA with its control id and opens the stay once', async () => {
  const ack = await send(adt('A01', 'ADM-1', { admit: ts(-72).slice(0, 12) }));
  assert.equal(ack.code, 'AA');
  assert.equal(ack.control, 'ADM-1');
  assert.ok(stayId());
  // The same message again (a replay after a lost ACK) changes nothing.
  const again = await send(adt('A01', 'ADM-1', { admit: ts(-72).slice(0, 12) }));
  assert.equal(again.text, ack.text);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE control_id = 'ADM-1'"), '1');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays"), '1');
  // Audited as the system for the trust.
  assert.ok(Number(sql(srv.db, "SELECT COUNT(*) FROM audit_trail WHERE resource_type = 'hospital_stay'"
                              + " AND action = 'create' AND basis = 'system'")) >= 1);
});

test('someone the hospital knows but Seamless does not is held for a person to match, never guessed', async () => {
  const ack = await send(adt('A01', 'ADM-2', { pid3: '9999999999^^^NHS^NH', visit: 'SPELL-2' }));
  assert.equal(ack.code, 'AA');
  assert.equal(sql(srv.db, "SELECT outcome FROM hl7_messages WHERE control_id = 'ADM-2'"), 'held');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'SPELL-2'"), '0');
});

test('bad messages get AE or AR naming segment and field, and are stored with nothing else', async () => {
  // node-hl7-client will not build a PID without PID-3: send that one raw.
  const noPid3 = await raw(`MSH|^~\\&|PAS|SHT|S|C|${ts(-1)}||ADT^A01|BAD-1|P|2.5\rEVN|A01|${ts(-1)}\r`
                           + 'PID|1||||Ashby^Ruth\rPV1|1|I|W12||||||||||||||||SPELL-9\r');
  assert.match(seg(noPid3, 'MSA'), /^MSA\|AE\|BAD-1$/);
  assert.match(seg(noPid3, 'ERR'), /PID\^1\^3\|101\^/);
  const ward = await send(adt('A01', 'BAD-2', { ward: 'NOWHERE', visit: 'SPELL-9' }));
  assert.equal(ward.code, 'AE');
  assert.match(seg(ward.text, 'ERR'), /PV1\^1\^3\|103\^/);
  const future = await send(adt('A01', 'BAD-3', { at: 3, visit: 'SPELL-9' }));
  assert.equal(future.code, 'AE');
  assert.match(seg(future.text, 'ERR'), /EVN\^1\^2\|102\^/);
  const early = await send(adt('A03', 'BAD-4', { admit: ts(-72).slice(0, 12), discharge: ts(-96).slice(0, 12) }));
  assert.equal(early.code, 'AE');
  assert.match(seg(early.text, 'ERR'), /PV1\^1\^45/);
  const encoding = await raw('MSH|^~\\|PAS|SHT|S|C|20261202090000||ADT^A01|BAD-5|P|2.5\rPID|1||x\r');
  assert.match(seg(encoding, 'MSA'), /^MSA\|AR\|/);
  assert.match(seg(encoding, 'ERR'), /MSH\^1\^2\|102\^/);
  const noMsh = await raw('PID|1||x\r');
  assert.match(seg(noMsh, 'MSA'), /^MSA\|AR\|$/);
  const event = await raw('MSH|^~\\&|PAS|SHT|S|C|20261202090000||ADT^A28|BAD-6|P|2.5\rPID|1||x\r');
  assert.match(seg(event, 'MSA'), /^MSA\|AR\|BAD-6$/);
  assert.match(seg(event, 'ERR'), /\|201\^/);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'SPELL-9'"), '0');
  assert.equal(sql(srv.db, "SELECT outcome || ':' || ack_code FROM hl7_messages WHERE control_id = 'BAD-1'"), 'error:AE');
  assert.equal(sql(srv.db, "SELECT outcome || ':' || ack_code FROM hl7_messages WHERE control_id = 'BAD-6'"),
               'rejected:AR');
  // The admission stays open after the refused discharge.
  assert.equal(sql(srv.db, "SELECT status FROM hospital_stays WHERE visit_number = 'SPELL-1'"), 'admitted');
});

test('the IDT records the review, corrects the DRD and gives delay reasons that add up', async () => {
  const id = stayId();
  const tok = t['idt.nurse'];
  let board = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT', { token: tok });
  assert.equal(board.status, 200, board.text);
  assert.equal(board.json.items.length, 0);   // still meets the criteria to reside
  let r = await srv.api('POST', `/api/v1/hospital-stays/${id}/reviews`, { token: tok,
    body: { reviewed_on: day(0), meets_criteria: false } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ready_on, day(0));
  assert.equal(r.json.days_delayed, 0);
  // 422s name the field and change nothing.
  for (const [path, body, field] of [
    ['discharge-ready-date', { discharge_ready_date: day(-10), reason: 'Typed wrongly' }, 'discharge_ready_date'],
    ['discharge-ready-date', { discharge_ready_date: day(-2) }, 'reason'],
    ['delay-reasons', { delay_reason: 'patient_unwell' }, 'delay_reason'],
    ['delay-reasons', { delay_reason: 'awaiting_care_package', sector: 'nhs' }, 'override_reason'],
    ['pathway', { pathway: 4 }, 'pathway'],
  ]) {
    const bad = await srv.api('POST', `/api/v1/hospital-stays/${id}/${path}`, { token: tok, body });
    assert.equal(bad.status, 422, `${path}: ${bad.text}`);
    assert.ok(bad.json.errors.some((e) => e.field === field), `${path}: ${bad.text}`);
  }
  r = await srv.api('POST', `/api/v1/hospital-stays/${id}/discharge-ready-date`, { token: tok,
    body: { discharge_ready_date: day(-3), reason: 'Ready since the ward round on Sunday' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.days_delayed, 3);
  r = await srv.api('POST', `/api/v1/hospital-stays/${id}/pathway`, { token: tok,
    body: { pathway: 1, planned_destination: 'Home with reablement' } });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('POST', `/api/v1/hospital-stays/${id}/delay-reasons`, { token: tok,
    body: { delay_reason: 'awaiting_care_package', from_on: day(-3) } });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('POST', `/api/v1/hospital-stays/${id}/delay-reasons`, { token: tok,
    body: { delay_reason: 'awaiting_transport', from_on: day(-1) } });
  assert.equal(r.status, 200, r.text);
  const split = r.json.delay_days_by_sector;
  assert.deepEqual(split, { nhs: 1, social_care: 2, both: 0, not_recorded: 0 });
  assert.equal(split.nhs + split.social_care + split.both + split.not_recorded, r.json.days_delayed);
  assert.ok(r.json.changes.some((c) => c.field === 'ready_on' && c.reason.startsWith('Ready since')));

  board = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT&pathway=1', { token: tok });
  assert.equal(board.json.items.length, 1);
  const row = board.json.items[0];
  assert.equal(row.days_delayed, 3);
  assert.equal(row.pathway_label, 'Home with support');
  assert.equal(row.delay_reason_label, 'Awaiting transport');
  assert.equal(row.nhs_number_formatted, '943 476 5919');
  board = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT&pathway=3', { token: tok });
  assert.equal(board.json.items.length, 0);
  const csv = await srv.api('GET', '/api/v1/discharge/board.csv?hospital=SHT', { token: tok });
  assert.equal(csv.status, 200);
  assert.match(csv.text, /"943 476 5919","Ruth Ashby","1938-05-17"/);
  // Every read of the board and the stay is audited for the IDT nurse.
  assert.ok(Number(sql(srv.db, "SELECT COUNT(*) FROM audit_trail a JOIN users u ON u.id = a.user_id"
    + " WHERE u.username = 'idt.nurse' AND a.action = 'read' AND a.resource_type = 'hospital_stay'"
    + " AND a.basis = 'relationship'")) >= 5);
});

test('no part in the stay: the stay is refused and the board shows no one', async () => {
  const id = stayId();
  const r = await srv.api('GET', `/api/v1/hospital-stays/${id}`, { token: t['sw.jones'] });
  assert.equal(r.status, 403, r.text);
  const board = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT', { token: t['sw.jones'] });
  assert.equal(board.status, 200);
  assert.equal(board.json.items.length, 0);
  const noHospital = await srv.api('GET', '/api/v1/discharge/board', { token: t['sw.jones'] });
  assert.equal(noHospital.status, 422);
  assert.equal(noHospital.json.errors[0].field, 'hospital');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit_trail a JOIN users u ON u.id = a.user_id"
    + ` WHERE u.username = 'sw.jones' AND a.resource_type = 'hospital_stay' AND a.action = 'read'`), '0');
});

test('the daily situation counts people, not names', async () => {
  const r = await srv.api('GET', `/api/v1/discharge/situation?hospital=SHT&on=${day(0)}`, { token: t['idt.nurse'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.not_meeting_criteria, 1);
  assert.deepEqual(r.json.delayed_by_reason.map((x) => [x.reason, x.count]), [['awaiting_transport', 1]]);
  assert.equal(r.json.delayed_by_length.find((b) => b.band === '1 to 6 days').count, 1);
  assert.doesNotMatch(r.text, /Ashby|9434765919/);
  const future = await srv.api('GET', `/api/v1/discharge/situation?hospital=SHT&on=${day(1)}`, { token: t['idt.nurse'] });
  assert.equal(future.status, 422);
  assert.equal(future.json.errors[0].field, 'on');
  const csv = await srv.api('GET', `/api/v1/discharge/situation?hospital=SHT&format=csv`, { token: t['sw.jones'] });
  assert.equal(csv.status, 200);
  assert.match(csv.text, /People not meeting the criteria to reside,,1/);
});

test('Home First: a reablement episode is started and ended, and its measures wait for their day', async () => {
  const tok = t['idt.nurse'];
  const person = sql(srv.db, "SELECT person_id FROM hospital_stays WHERE visit_number = 'SPELL-1'");
  let r = await srv.api('POST', '/api/v1/reablement-episodes', { token: tok,
    body: { person_id: person, stay_id: stayId(), start_on: day(0) } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal(sql(srv.db, `SELECT planned_end_on FROM reablement_episodes WHERE id = '${id}'`), day(42));
  const bad = await srv.api('POST', `/api/v1/reablement-episodes/${id}/end`, { token: tok,
    body: { ended_on: day(0), outcome: 'cured' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'outcome');
  const refused = await srv.api('POST', '/api/v1/reablement-episodes', { token: t['sw.jones'],
    body: { person_id: person, start_on: day(0) } });
  assert.equal(refused.status, 403);
  r = await srv.api('POST', `/api/v1/reablement-episodes/${id}/end`, { token: tok,
    body: { ended_on: day(0), outcome: 'no_ongoing_support' } });
  assert.equal(r.status, 204, r.text);
  const m = await srv.api('GET', `/api/v1/reports/reablement?month=${day(0).slice(0, 7)}`, { token: tok });
  assert.equal(m.status, 200, m.text);
  assert.deepEqual(m.json.at_home_91, { numerator: 0, denominator: 0, pending: 1, percent: 'no data' });
  assert.equal(m.json.readmitted_30.pending, 1);
  const badMonth = await srv.api('GET', '/api/v1/reports/reablement?month=2026-13', { token: tok });
  assert.equal(badMonth.status, 422);
});

test('a transfer moves the ward, a discharge closes the stay and freezes its delay', async () => {
  const id = stayId();
  let ack = await send(adt('A02', 'TRF-1', { ward: 'W14^^2' }));
  assert.equal(ack.code, 'AA', ack.text);
  ack = await send(adt('A03', 'DIS-1', { admit: ts(-72).slice(0, 12), discharge: ts(-1).slice(0, 12) }));
  assert.equal(ack.code, 'AA', ack.text);
  const r = await srv.api('GET', `/api/v1/hospital-stays/${id}`, { token: t['idt.nurse'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'discharged');
  assert.equal(r.json.ward_code, 'W14');
  assert.equal(r.json.days_delayed, 3);
  const board = await srv.api('GET', '/api/v1/discharge/board?hospital=SHT', { token: t['idt.nurse'] });
  assert.equal(board.json.items.length, 0);
  const sit = await srv.api('GET', '/api/v1/discharge/situation?hospital=SHT', { token: t['idt.nurse'] });
  assert.equal(sit.json.discharges.total, 1);
  assert.equal(sit.json.discharges.by_pathway.find((p) => p.pathway === '1').count, 1);
  // A discharge of a stay that is no longer open is refused.
  ack = await send(adt('A03', 'DIS-2', { admit: ts(-72).slice(0, 12), discharge: ts(-1).slice(0, 12) }));
  assert.equal(ack.code, 'AE');
});

test('a merge moves the stay with its reviews, delays, teams and episode to the surviving record', async () => {
  const id = stayId();
  const ruth = sql(srv.db, `SELECT person_id FROM hospital_stays WHERE id = '${id}'`);
  const dup = await srv.api('POST', '/api/v1/persons', { token: t['fd.ali'], body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', postcode: 'LE11 3AB',
    confirm_not_duplicate: true } });   // registered twice by mistake: the merge below is the remedy
  assert.equal(dup.status, 201, dup.text);
  const m = await srv.api('POST', `/api/v1/persons/${dup.json.id}/merge`, { token: srv.token('admin'),
    body: { merge_id: ruth } });
  assert.equal(m.status, 200, m.text);
  // The stay's id still names Ruth's old record: it follows the merge, and
  // the IDT (related through the stay's teams, which moved too) reads it.
  const r = await srv.api('GET', `/api/v1/hospital-stays/${id}`, { token: t['idt.nurse'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.person_id, dup.json.id);
  for (const table of ['hospital_stays', 'stay_reviews', 'stay_delay_reasons', 'stay_changes', 'stay_teams',
                       'reablement_episodes']) {
    assert.equal(sql(srv.db, `SELECT COUNT(*) FROM ${table} WHERE person_id = '${ruth}'`), '0', table);
    assert.ok(Number(sql(srv.db, `SELECT COUNT(*) FROM ${table} WHERE person_id = '${dup.json.id}'`)) > 0, table);
  }
});

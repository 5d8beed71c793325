// Hospital events over HTTP (POST /api/v1/hospital-events): a trust's org
// admin creates an account with the integration role; that account's token
// sends ER7 (built with a real HL7 v2 library, answered with the ACK) or,
// for a hospital that cannot send ADT, JSON events — idempotent by event
// id, 422 naming the field and storing nothing, audited. The account reads
// no one's record: every other route refuses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HL7_2_5 } from 'node-hl7-client';
import { startServer, sql, nowMs } from './harness.mjs';

let srv, feed, idt, admin;
const NHS = '9434765919';
const UNKNOWN_NHS = '9999999999';
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const at_ = (hours) => new Date(nowMs() + hours * 3600e3);
const count = (where) => Number(sql(srv.db, `SELECT COUNT(*) FROM hl7_messages WHERE ${where}`));

const event = (srvToken, body) => srv.api('POST', '/api/v1/hospital-events', { token: srvToken, body });
async function er7(token, text) {
  const res = await fetch(srv.base + '/api/v1/hospital-events', {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: text });
  return { status: res.status, text: await res.text() };
}

before(async () => {
  srv = await startServer();
  admin = srv.token('sht.admin');
  idt = srv.token('idt.nurse');
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: NHS } });
  assert.equal(p.status, 201, p.text);
  const w = await srv.api('POST', '/api/v1/hospital-wards', { token: admin, body: {
    code: 'W30', name: 'Ward 30', site: 'Royal Infirmary', kind: 'acute', idt_team_code: 'IDT' } });
  assert.ok([201, 409].includes(w.status), w.text);
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test("the trust's org admin creates an integration account; a council cannot have one", async () => {
  const u = await srv.api('POST', '/api/v1/users', { token: admin, body: {
    username: 'sht.engine', display_name: 'Integration engine', role: 'integration', profession: 'other',
    password: 'a-long-engine-password' } });
  assert.equal(u.status, 201, u.text);
  feed = srv.token('sht.engine');
  const council = await srv.api('POST', '/api/v1/users', { token: srv.token('admin'), body: {
    username: 'scc.engine', display_name: 'Council engine', role: 'integration', profession: 'other',
    password: 'a-long-engine-password' } });
  assert.equal(council.status, 422, council.text);
  assert.deepEqual(council.json.errors.map((e) => e.field), ['role']);
});

test('an integration account reads no one and nothing else; staff cannot feed events', async () => {
  for (const p of ['/api/v1/persons?q=Ashby', '/api/v1/discharge/board', '/api/v1/discharge/delay-reasons',
                   '/api/v1/hospital-wards', '/api/v1/tokens', '/discharge']) {
    const r = await srv.api('GET', p, { token: feed });
    assert.equal(r.status, 403, `${p}: ${r.status}`);
  }
  const staff = await event(idt, { event_id: 'X-1', event: 'admit', occurred_at: iso(-1), visit_number: 'V-X',
                                   ward: 'W30', nhs_number: NHS });
  assert.equal(staff.status, 403);
  assert.equal(count("control_id = 'X-1'"), 0);
});

test('ER7 over HTTP, built by an HL7 v2 library, is answered with its ACK and opens the stay', async () => {
  const msg = new HL7_2_5().buildMSH({ msh_3: 'PAS', msh_4: 'SHT', msh_5: 'SEAMLESS', msh_6: 'SCC', msh_7: at_(-3),
                                       msh_9_1: 'ADT', msh_9_2: 'A01', msh_10: 'HTTP-1', msh_11_1: 'P' });
  msg.buildEVN({ evn_1: 'A01', evn_2: at_(-3) });
  msg.buildPID({ pid_3: `${NHS}^^^NHS^NH`, pid_5: 'Ashby^Ruth' });
  msg.buildPV1({ pv1_2: 'I', pv1_3: 'W30^^2', pv1_19: 'SPELL-H1' });
  const r = await er7(feed, msg.toMessage().toString());
  assert.equal(r.status, 200, r.text);
  const msa = r.text.split('\r').find((l) => l.startsWith('MSA|'));
  assert.equal(msa, 'MSA|AA|HTTP-1');
  assert.equal(sql(srv.db, "SELECT status FROM hospital_stays WHERE visit_number = 'SPELL-H1'"), 'admitted');
  assert.equal(sql(srv.db, "SELECT via || ' ' || format FROM hl7_messages WHERE control_id = 'HTTP-1'"), 'http er7');
});

test('a JSON admission opens the stay once; the same event id again changes nothing', async () => {
  const body = { event_id: 'EV-1', event: 'admit', occurred_at: iso(-5), nhs_number: '943 476 5919',
                 visit_number: 'SPELL-J1', ward: 'W30', bed: '4', specialty: 'Geriatric medicine',
                 admitted_at: iso(-6), expected_discharge_date: new Date(nowMs() + 3 * 86400e3).toISOString().slice(0, 10) };
  const r = await event(feed, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.outcome, 'applied');
  assert.equal(r.json.replayed, false);
  assert.ok(r.json.stay_id);
  assert.equal(r.json.person_name, undefined);   // nothing about the person comes back
  const again = await event(feed, body);
  assert.equal(again.status, 200);
  assert.equal(again.json.replayed, true);
  assert.equal(again.json.stay_id, r.json.stay_id);
  assert.equal(count("control_id = 'EV-1'"), 1);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'SPELL-J1'"), '1');
  assert.equal(sql(srv.db, "SELECT bed || '|' || specialty FROM hospital_stays WHERE visit_number = 'SPELL-J1'"),
               '4|Geriatric medicine');
  // The IDT covering the ward sees the stay the feed opened.
  const stay = await srv.api('GET', `/api/v1/hospital-stays/${r.json.stay_id}`, { token: idt });
  assert.equal(stay.status, 200, stay.text);
  // Audited: the account that sent it, the person it is about.
  const feedUser = sql(srv.db, "SELECT id FROM users WHERE username = 'sht.engine'");
  assert.ok(Number(sql(srv.db, `SELECT COUNT(*) FROM audit_trail WHERE user_id = '${feedUser}'`
                               + " AND resource_type = 'hospital_stay' AND action = 'create'")) >= 1);

  const dis = await event(feed, { event_id: 'EV-2', event: 'discharge', occurred_at: iso(-1), nhs_number: NHS,
                                  visit_number: 'SPELL-J1', discharge_destination: 'Usual place of residence' });
  assert.equal(dis.status, 201, dis.text);
  assert.equal(sql(srv.db, "SELECT status FROM hospital_stays WHERE visit_number = 'SPELL-J1'"), 'discharged');
});

test('someone Seamless does not know is held (202), never guessed', async () => {
  const r = await event(feed, { event_id: 'EV-3', event: 'admit', occurred_at: iso(-2), nhs_number: UNKNOWN_NHS,
                                family_name: 'Stone', given_name: 'Ada', date_of_birth: '1940-01-02',
                                visit_number: 'SPELL-J2', ward: 'W30' });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.outcome, 'held');
  assert.equal(sql(srv.db, "SELECT outcome || ' ' || format FROM hl7_messages WHERE control_id = 'EV-3'"), 'held json');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'SPELL-J2'"), '0');
});

test('422 names the field and stores nothing', async () => {
  const before_ = count('1 = 1');
  const cases = [
    [{ event: 'admit', occurred_at: iso(-1), visit_number: 'V', ward: 'W30' }, ['event_id']],
    [{ event_id: 'B-1', event: 'explode', occurred_at: iso(-1), visit_number: 'V' }, ['event']],
    [{ event_id: 'B-2', event: 'admit', occurred_at: iso(2), visit_number: 'V', ward: 'W30' }, ['occurred_at']],
    [{ event_id: 'B-3', event: 'admit', occurred_at: '2 December', visit_number: 'V', ward: 'W30' }, ['occurred_at']],
    [{ event_id: 'B-4', event: 'admit', occurred_at: iso(-1), visit_number: 'V' }, ['ward']],
    [{ event_id: 'B-5', event: 'admit', occurred_at: iso(-1), visit_number: 'V', ward: 'W30', nhs_number: '1234567890' },
     ['nhs_number']],
    [{ event_id: 'B-6', event: 'admit', occurred_at: iso(-1), visit_number: 'V', ward: 'W30', wrd: 'x' }, ['wrd']],
    [{ event_id: 'B-7', event: 'discharge', occurred_at: iso(-1), visit_number: 'V', admitted_at: iso(-2),
       discharged_at: iso(-3) }, ['discharged_at']],
    // Refused by the rules once matched: no such ward, no such stay.
    [{ event_id: 'B-8', event: 'admit', occurred_at: iso(-1), nhs_number: NHS, visit_number: 'V-8', ward: 'NOWHERE' },
     ['ward']],
    [{ event_id: 'B-9', event: 'discharge', occurred_at: iso(-1), nhs_number: NHS, visit_number: 'NO-SUCH-SPELL' },
     ['visit_number']],
  ];
  for (const [body, fields] of cases) {
    const r = await event(feed, body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(r.json.errors.map((e) => e.field), fields, r.text);
  }
  assert.equal(count('1 = 1'), before_);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'V-8'"), '0');
  // The refusals the rules made are audited.
  assert.ok(Number(sql(srv.db, "SELECT COUNT(*) FROM audit_trail WHERE action = 'refuse'"
                               + " AND resource_type = 'hospital_event' AND resource_id IN ('B-8', 'B-9')")) === 2);
  // Fixed and sent again with the same id, it is taken.
  const fixed = await event(feed, { event_id: 'B-8', event: 'admit', occurred_at: iso(-1), nhs_number: NHS,
                                    visit_number: 'V-8', ward: 'W30' });
  assert.equal(fixed.status, 201, fixed.text);
});

test('an event id an ER7 message used is a conflict, not a replay', async () => {
  const r = await event(feed, { event_id: 'HTTP-1', event: 'update', occurred_at: iso(-1), nhs_number: NHS,
                                visit_number: 'SPELL-H1' });
  assert.equal(r.status, 409, r.text);
  assert.equal(count("control_id = 'HTTP-1'"), 1);
});

test('the discharge team matches a held event once the person has a record; it is applied then', async () => {
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: {
    family_name: 'Stone', given_name: 'Ada', date_of_birth: '1940-01-02', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: UNKNOWN_NHS } });
  assert.equal(p.status, 201, p.text);
  const s = await srv.login('idt.nurse');
  const page = await fetch(srv.base + '/discharge/held', { headers: { Cookie: s.cookie } });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Ada Stone/);
  const id = sql(srv.db, "SELECT id FROM hl7_messages WHERE control_id = 'EV-3'");
  const post = (path, body) => fetch(srv.base + path, { method: 'POST', redirect: 'manual', headers: {
    Cookie: s.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `csrf_token=${encodeURIComponent(s.csrf)}&${body}` });
  const wrong = await post(`/discharge/held/${id}/match`, 'nhs_number=943+476+5919');
  assert.equal(wrong.status, 422);   // the hospital sent another number
  const ok = await post(`/discharge/held/${id}/match`, `nhs_number=${UNKNOWN_NHS}`);
  assert.equal(ok.status, 303);
  assert.equal(sql(srv.db, "SELECT outcome FROM hl7_messages WHERE control_id = 'EV-3'"), 'resolved');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hospital_stays WHERE visit_number = 'SPELL-J2'"), '1');
  const twice = await post(`/discharge/held/${id}/match`, `nhs_number=${UNKNOWN_NHS}`);
  assert.equal(twice.status, 409);
  // Staff of the council are not the hospital's discharge team.
  const sw = await srv.login('sw.jones');
  const no = await fetch(srv.base + '/discharge/held', { headers: { Cookie: sw.cookie } });
  assert.equal(no.status, 403);
});

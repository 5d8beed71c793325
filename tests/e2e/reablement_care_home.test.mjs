// Home First: a move into a care home counts against "still at home 91
// days after discharge into reablement" (ASCOF 2B(1)), whether the
// reablement team records it as the episode ends or the person leaves a
// later hospital stay on pathway 3 (to a care home). The edge: a move on
// day 91 counts against, one on day 92 does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day, nowMs } from './harness.mjs';

let srv, feed, idt, ward;
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const D = -120;   // every episode here starts (discharge into reablement) 120 days ago

// A valid NHS number in the test range from nine digits.
function nhs(nine) {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  assert.notEqual(check, 10);
  return nine + check;
}

async function person(nine, family) {
  const number = nhs(nine);
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: {
    family_name: family, given_name: 'Test', date_of_birth: '1940-03-04', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: number } });
  assert.equal(p.status, 201, p.text);
  return { id: p.json.id, nhs: number };
}

async function event(body) {
  const r = await srv.api('POST', '/api/v1/hospital-events', { token: feed, body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function episode(p, end) {
  const r = await srv.api('POST', '/api/v1/reablement-episodes', { token: idt,
    body: { person_id: p.id, start_on: day(D) } });
  assert.equal(r.status, 201, r.text);
  if (end) {
    const e = await srv.api('POST', `/api/v1/reablement-episodes/${r.json.id}/end`, { token: idt, body: end });
    assert.equal(e.status, 204, e.text);
  }
  return r.json.id;
}

before(async () => {
  srv = await startServer();
  feed = srv.token('sht.pas');
  idt = srv.token('idt.nurse');
  ward = sql(srv.db, "SELECT w.code FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
                     + " JOIN teams t ON t.id = w.idt_team_id WHERE o.code = 'SHT' AND t.code = 'IDT' LIMIT 1");
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('care-home moves recorded or by a pathway 3 discharge count against being at home on day 91', async () => {
  const [a, b, c, d] = [await person('999000001', 'Ayres'), await person('999000002', 'Bell'),
                        await person('999000003', 'Cole'), await person('999000004', 'Dunn')];
  // A, B and D are in hospital now (the IDT's relationship); C is too, on a
  // stay that leaves on pathway 3 before day 91.
  for (const [p, v] of [[a, 'NOW-A'], [b, 'NOW-B'], [d, 'NOW-D']])
    await event({ event_id: `adm-${v}`, event: 'admit', occurred_at: iso(-1), nhs_number: p.nhs, visit_number: v, ward });
  const stayC = (await event({ event_id: 'adm-C', event: 'admit', occurred_at: iso((D + 10) * 24), nhs_number: c.nhs,
                               visit_number: 'CARE-C', ward })).stay_id;
  const pw = await srv.api('POST', `/api/v1/hospital-stays/${stayC}/pathway`, { token: idt,
    body: { pathway: 3, planned_destination: 'Oak Tree Nursing Home' } });
  assert.equal(pw.status, 200, pw.text);

  // A moved on day 91 (counts against), B on day 92 (at home on day 91).
  const endA = { ended_on: day(D + 42), outcome: 'long_term_support', care_home_on: day(D + 91) };
  await episode(a, endA);
  await episode(b, { ended_on: day(D + 42), outcome: 'long_term_support', care_home_on: day(D + 92) });
  await episode(c, null);
  await episode(d, { ended_on: day(D + 42), outcome: 'no_ongoing_support' });
  await event({ event_id: 'dis-C', event: 'discharge', occurred_at: iso((D + 15) * 24), nhs_number: c.nhs,
                visit_number: 'CARE-C' });

  const m = await srv.api('GET', `/api/v1/reports/reablement?month=${day(D).slice(0, 7)}`, { token: idt });
  assert.equal(m.status, 200, m.text);
  // At home on day 91: B and D; not: A (care home on day 91), C (discharged to a care home).
  assert.deepEqual([m.json.at_home_91.numerator, m.json.at_home_91.denominator, m.json.at_home_91.pending],
                   [2, 4, 0]);
  assert.equal(sql(srv.db, `SELECT care_home_on FROM reablement_episodes WHERE person_id = '${a.id}'`), day(D + 91));
});

test('a care-home date before the episode or in the future is refused, naming the field', async () => {
  const p = await person('999000005', 'Eden');
  await event({ event_id: 'adm-E', event: 'admit', occurred_at: iso(-1), nhs_number: p.nhs, visit_number: 'NOW-E', ward });
  const id = await episode(p, null);
  for (const when of [day(D - 1), day(1)]) {
    const r = await srv.api('POST', `/api/v1/reablement-episodes/${id}/end`, { token: idt,
      body: { ended_on: day(D + 42), outcome: 'long_term_support', care_home_on: when } });
    assert.equal(r.status, 422, r.text);
    assert.deepEqual(r.json.errors.map((e) => e.field), ['care_home_on']);
  }
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM reablement_episodes WHERE id = '${id}' AND ended_on IS NOT NULL`), '0');
});

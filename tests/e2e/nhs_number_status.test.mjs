// Issue #14 item 5: the NHS number status follows the NHS Data Dictionary
// status indicator codes; a number typed in is "present but not traced"
// (02) however the form is filled in, a trace result stands while the
// number is unchanged, and the record shows the status in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './harness.mjs';

let srv, token;
// A valid NHS number in the 999 test range from nine digits (Modulus 11).
function nhs(nine) {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? null : nine + (check === 11 ? 0 : check);
}

before(async () => { srv = await startServer(); token = srv.token('sw.jones'); });
after(async () => { await srv.stop(); srv.cleanup(); });

test('a typed-in number is not traced, even when the caller claims it is verified', async () => {
  const number = nhs('999000001') ?? nhs('999000002');
  const r = await srv.api('POST', '/api/v1/persons', { token, body: { nhs_number: number, nhs_number_verified: true,
    family_name: 'Tracey', given_name: 'Nat', date_of_birth: '1950-01-01', sex: 'female' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.nhs_number_status, '02');
  assert.equal(r.json.nhs_number_status_text, 'Present but not traced');
  assert.equal(r.json.nhs_number_verified, undefined);
  const id = r.json.id;
  const login = await srv.login('sw.jones');
  const html = await (await fetch(`${srv.base}/persons/${id}`, { headers: { Cookie: login.cookie } })).text();
  assert.match(html, /Present but not traced/);
  assert.doesNotMatch(html, />Verified</);

  // A trace sets 01; editing something else keeps it; a new number is not traced.
  sql(srv.db, `UPDATE persons SET nhs_number_status = '01' WHERE id = '${id}'`);
  let p = (await srv.api('GET', `/api/v1/persons/${id}`, { token })).json;
  assert.equal(p.nhs_number_status_text, 'Present and verified');
  let u = await srv.api('PATCH', `/api/v1/persons/${id}`, { token, body: { version: p.version, phone: '0116 496 0001' } });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.nhs_number_status, '01');
  const other = nhs('999000003') ?? nhs('999000004');
  u = await srv.api('PATCH', `/api/v1/persons/${id}`, { token, body: { version: u.json.version, nhs_number: other } });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.nhs_number_status, '02');
  u = await srv.api('PATCH', `/api/v1/persons/${id}`, { token, body: { version: u.json.version, nhs_number: '' } });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.nhs_number_status, '03');
  assert.equal(u.json.nhs_number_status_text, 'Trace required');
});

// The shared person record end-to-end: validation, duplicates, the access
// matrix (domain.md §2) with every read audited, break-glass and its
// review, search, merge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, sql, nowMs } from './harness.mjs';

let srv, t;   // t: tokens by username
const ann = { nhs_number: '943 476 5919', family_name: 'Smith', given_name: 'Ann', date_of_birth: '1940-02-03',
              sex: 'female', postcode: 'le1 7rh', contacts: [{ name: 'Bob Smith', relationship: 'son', next_of_kin: true }] };

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'tm.khan', 'rn.patel', 'admin', 'privacy']) t[u] = srv.token(u);
  // A council social worker in another team of the same organisation.
  const r = await srv.api('POST', '/api/v1/users', { token: t.admin, body: { username: 'sw.south', display_name: 'Sue South',
    role: 'practitioner', profession: 'social_worker', password: 'another-long-password', teams: ['ILT-SOUTH'] } });
  assert.equal(r.status, 201, r.text);
  t['sw.south'] = srv.token('sw.south');
});
after(async () => { await srv.stop(); srv.cleanup(); });

function reads(personId) {
  return Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${personId}' AND action = 'read'`));
}

test('registering validates every field and names it', async () => {
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    nhs_number: '9434765918', family_name: '', given_name: 'A', date_of_birth: '2999-01-01', sex: 'robot',
    postcode: 'NOT A CODE', gp_practice_id: 'nope', email: 'no-at-sign' } });
  assert.equal(r.status, 422);
  const fields = r.json.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['date_of_birth', 'email', 'family_name', 'gp_practice_id', 'nhs_number', 'postcode', 'sex']);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM persons'), '0', 'nothing stored');
});

test('a line break or a control character in a one-line field is 422 naming it; notes may hold line breaks', async () => {
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { ...ann,
    family_name: 'Smith\nDROP', given_name: 'Ann\u0007', town: 'Leicester\u2028Market', communication_needs: 'Hearing aid.\nSpeak slowly.',
    contacts: [{ name: 'Bob\r\nSmith' }] } });
  assert.equal(r.status, 422, r.text);
  const byField = Object.fromEntries(r.json.errors.map((e) => [e.field, e.message]));
  assert.deepEqual(Object.keys(byField).sort(), ['contacts[0].name', 'family_name', 'given_name', 'town']);
  assert.match(byField.family_name, /one line/);
  assert.match(byField.given_name, /control characters/);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM persons'), '0', 'nothing stored');
  // A member that is not a field of the record (a misspelling, another system's name) is named, not dropped.
  const unknown = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { ...ann, postcde: 'LE1 7RH', nhs: '1' } });
  assert.equal(unknown.status, 422, unknown.text);
  assert.deepEqual(unknown.json.errors.map((e) => e.field).sort(), ['nhs', 'postcde']);
  assert.match(unknown.json.errors[0].message, /not a field/);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM persons'), '0', 'nothing stored');
});

let annId;
test('a person is registered, normalised, and joins the registering team caseload', async () => {
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: ann });
  assert.equal(r.status, 201, r.text);
  annId = r.json.id;
  assert.equal(r.json.nhs_number, '9434765919');
  assert.equal(r.json.nhs_number_formatted, '943 476 5919');
  assert.equal(r.json.postcode, 'LE1 7RH');
  assert.equal(r.json.contacts[0].next_of_kin, true);
  assert.equal(r.json.caseloads[0].team_code, 'ILT-NORTH');
  assert.equal(r.headers.get('location'), `/api/v1/persons/${annId}`);
});

test('the same NHS number again is 409 pointing at the existing record; a likely duplicate needs confirmation', async () => {
  const dup = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { ...ann, nhs_number: '9434765919' } });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.existing_id, annId);
  const likely = { ...ann, nhs_number: undefined, postcode: 'LE1 7RH' };
  const r1 = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: likely });
  assert.equal(r1.status, 409);
  assert.match(r1.json.type, /possible-duplicate/);
  assert.equal(r1.json.candidates[0].id, annId);
  const r2 = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { ...likely, confirm_not_duplicate: true } });
  assert.equal(r2.status, 201);
});

test("an organisation's local identifier belongs to one person: another gets 422 naming the field, nothing stored", async () => {
  const jones = t['sw.jones'];
  const base = { family_name: 'Idris', date_of_birth: '1951-05-06', sex: 'male', postcode: 'LE2 1AA' };
  const first = await srv.api('POST', '/api/v1/persons', { token: jones, body: { ...base, given_name: 'Ola', local_identifier: 'SC-7001' } });
  assert.equal(first.status, 201, first.text);
  const before = sql(srv.db, 'SELECT count(*) FROM persons');
  const clash = await srv.api('POST', '/api/v1/persons', { token: jones, body: { ...base, given_name: 'Ben', postcode: 'LE2 2BB', local_identifier: 'SC-7001' } });
  assert.equal(clash.status, 422, clash.text);
  assert.deepEqual(clash.json.errors.map((e) => e.field), ['local_identifier']);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM persons'), before, 'a refused registration stores nothing');
  const second = await srv.api('POST', '/api/v1/persons', { token: jones, body: { ...base, given_name: 'Ben', postcode: 'LE2 2BB', local_identifier: 'SC-7002' } });
  assert.equal(second.status, 201, second.text);
  const taken = await srv.api('PATCH', `/api/v1/persons/${second.json.id}`, { token: jones, body: { version: second.json.version, local_identifier: 'SC-7001' } });
  assert.equal(taken.status, 422, taken.text);
  assert.equal(taken.json.errors[0].field, 'local_identifier');
  const same = await srv.api('PATCH', `/api/v1/persons/${first.json.id}`, { token: jones, body: { version: first.json.version, local_identifier: 'SC-7001', preferred_name: 'Olly' } });
  assert.equal(same.status, 200, 'keeping your own number is not a clash: ' + same.text);
  const held = sql(srv.db, `SELECT identifier FROM person_identifiers WHERE person_id = '${second.json.id}'`);
  assert.equal(held, 'SC-7002', 'the refused update left the number as it was');
  // Another organisation's numbers are its own.
  const other = await srv.api('POST', '/api/v1/persons', { token: t['rn.patel'], body: { ...base, given_name: 'Cy', postcode: 'LE2 3CC', local_identifier: 'SC-7001' } });
  assert.equal(other.status, 201, other.text);
});

test('access matrix: same team, other team, other organisation — every allowed read audited', async () => {
  const cases = [
    ['sw.jones', 200, 'relationship'],     // registered: on ILT-NORTH caseload
    ['tm.khan', 200, 'relationship'],      // same team
    ['sw.south', 403, null],               // other team, same organisation
    ['rn.patel', 403, null],               // other organisation
  ];
  for (const [user, status, basis] of cases) {
    const before = reads(annId);
    const r = await srv.api('GET', `/api/v1/persons/${annId}`, { token: t[user] });
    assert.equal(r.status, status, `${user}: ${r.text}`);
    if (status === 200) {
      assert.equal(r.json.access.basis, basis);
      assert.equal(reads(annId), before + 1, `${user}'s read audited`);
      const last = sql(srv.db, `SELECT basis FROM audit_trail WHERE person_id = '${annId}' ORDER BY at DESC, seq DESC LIMIT 1`);
      assert.equal(last, basis);
    } else {
      assert.match(r.json.type, /no-legitimate-relationship$/);
      assert.equal(reads(annId), before, 'a refused read releases nothing');
      assert.ok(!r.text.includes('Smith'));
      // ...but the attempt is on the record for the privacy officer.
      const last = sql(srv.db, `SELECT a.action || ':' || a.basis || ':' || u.username FROM audit_trail a JOIN users u
                                ON u.id = a.user_id WHERE a.person_id = '${annId}' ORDER BY a.at DESC, a.seq DESC LIMIT 1`);
      assert.equal(last, `read_denied:identify:${user}`);
    }
  }
});

test('search without a relationship shows only identifying details', async () => {
  const r = await srv.api('GET', '/api/v1/persons?nhs_number=943-476-5919', { token: t['rn.patel'] });
  assert.equal(r.status, 200);
  const [p] = r.json.items;
  assert.equal(p.id, annId);
  assert.equal(p.has_access, false);
  assert.deepEqual(Object.keys(p).sort(), ['date_of_birth', 'family_name', 'given_name', 'has_access', 'id',
                                           'nhs_number', 'nhs_number_formatted']);
  const byName = await srv.api('GET', '/api/v1/persons?family_name=smith&date_of_birth=1940-02-03', { token: t['sw.jones'] });
  assert.equal(byName.json.items.length, 2);
  assert.ok(byName.json.items.every((x) => x.has_access));
  const bad = await srv.api('GET', '/api/v1/persons?nhs_number=123', { token: t['sw.jones'] });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'nhs_number');
  assert.equal((await srv.api('GET', '/api/v1/persons', { token: t['sw.jones'] })).status, 422);
});

test('every person route refuses a user without a relationship', async () => {
  const routes = [...readFileSync('src/api/routes.c', 'utf8').matchAll(/\{"(GET|PATCH)", "(\/api\/v1\/persons\/\{id\}[^"]*)"/g)];
  assert.ok(routes.length >= 4);
  for (const [, method, pattern] of routes) {
    const r = await srv.api(method, pattern.replace('{id}', annId), { token: t['rn.patel'], body: method === 'GET' ? undefined : { version: 1 } });
    assert.equal(r.status, 403, `${method} ${pattern}`);
  }
});

test('an objection to sharing limits the record to organisations holding it', async () => {
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: 'Private', given_name: 'Pat', date_of_birth: '1955-05-05', sex: 'male', objects_to_sharing: true } });
  assert.equal(r.status, 201);
  const id = r.json.id;
  assert.equal((await srv.api('GET', `/api/v1/persons/${id}`, { token: t['tm.khan'] })).status, 200);
  // Put the person on a community trust team's caseload: a relationship, but
  // the trust does not hold the record, so the objection applies.
  const team = sql(srv.db, "SELECT t.id FROM teams t JOIN organisations o ON o.id = t.org_id WHERE o.code = 'SCHT' AND t.code = 'INT-NORTH'");
  sql(srv.db, `INSERT INTO caseloads (id, person_id, team_id, opened_on, created_at) VALUES ('cl-obj', '${id}', '${team}', '2026-01-01', '2026-01-01')`);
  const denied = await srv.api('GET', `/api/v1/persons/${id}`, { token: t['rn.patel'] });
  assert.equal(denied.status, 403);
  assert.match(denied.json.type, /objection-to-sharing$/);
  const bg = await srv.api('POST', `/api/v1/persons/${id}/break-glass`, { token: t['rn.patel'], body: { reason: 'Emergency admission, unconscious' } });
  assert.equal(bg.status, 201);
  const opened = await srv.api('GET', `/api/v1/persons/${id}`, { token: t['rn.patel'] });
  assert.equal(opened.status, 200);
  assert.equal(opened.json.access.basis, 'break_glass');
});

test('break-glass: reason required, grants time-limited access, flagged and reviewed', async () => {
  const short = await srv.api('POST', `/api/v1/persons/${annId}/break-glass`, { token: t['rn.patel'], body: { reason: 'need it' } });
  assert.equal(short.status, 422);
  assert.equal(short.json.errors[0].field, 'reason');
  const g = await srv.api('POST', `/api/v1/persons/${annId}/break-glass`, { token: t['rn.patel'],
    body: { reason: 'District nurse visit, patient collapsed' } });
  assert.equal(g.status, 201);
  assert.ok(Date.parse(g.json.expires_at) > nowMs() + 55 * 60 * 1000);
  const before = reads(annId);
  const r = await srv.api('GET', `/api/v1/persons/${annId}`, { token: t['rn.patel'] });
  assert.equal(r.status, 200);
  assert.equal(r.json.access.basis, 'break_glass');
  assert.ok(r.json.access.break_glass_expires_at);
  assert.equal(reads(annId), before + 1);
  // Expired grants no longer count.
  sql(srv.db, `UPDATE break_glass SET expires_at = '2000-01-01T00:00:00.000Z' WHERE person_id = '${annId}'`);
  assert.equal((await srv.api('GET', `/api/v1/persons/${annId}`, { token: t['rn.patel'] })).status, 403);
  // The grant was made by community trust staff: the council's privacy officer does not see it…
  const list = await srv.api('GET', '/api/v1/break-glass', { token: t.privacy });
  assert.equal(list.status, 200);
  assert.ok(!list.json.items.some((b) => b.person_id === annId && b.user_name === 'Ravi Patel'));
  // …but a council user's grant appears in the council's review list.
  await srv.api('POST', `/api/v1/persons/${annId}/break-glass`, { token: t['sw.south'], body: { reason: 'Out of hours duty call' } });
  const mine = await srv.api('GET', '/api/v1/break-glass?status=pending', { token: t.privacy });
  const item = mine.json.items.find((b) => b.person_id === annId);
  assert.ok(item);
  const rev = await srv.api('POST', `/api/v1/break-glass/${item.id}/review`, { token: t.privacy, body: { status: 'flagged', note: 'ask manager' } });
  assert.equal(rev.status, 200);
  const flagged = await srv.api('GET', '/api/v1/break-glass?status=flagged', { token: t.privacy });
  assert.ok(flagged.json.items.some((b) => b.id === item.id && b.review_note === 'ask manager'));
  assert.equal((await srv.api('POST', `/api/v1/break-glass/${item.id}/review`, { token: t.privacy, body: { status: 'maybe' } })).status, 422);
});

test('updates keep versions; the access log shows who read the record', async () => {
  const cur = await srv.api('GET', `/api/v1/persons/${annId}`, { token: t['sw.jones'] });
  const ok = await srv.api('PATCH', `/api/v1/persons/${annId}`, { token: t['sw.jones'], body: { version: cur.json.version, preferred_name: 'Annie' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.preferred_name, 'Annie');
  assert.equal(ok.json.family_name, 'Smith', 'unsent fields are kept');
  const stale = await srv.api('PATCH', `/api/v1/persons/${annId}`, { token: t['sw.jones'], body: { version: cur.json.version, preferred_name: 'X' } });
  assert.equal(stale.status, 409);
  const bad = await srv.api('PATCH', `/api/v1/persons/${annId}`, { token: t['sw.jones'], body: { version: ok.json.version, date_of_death: '1930-01-01' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'date_of_death');
  // A member the record does not have is refused by name, not dropped; the record read back may be sent whole.
  const misspelt = await srv.api('PATCH', `/api/v1/persons/${annId}`, { token: t['sw.jones'], body: { version: ok.json.version, postcde: 'LE2 2BB', town: 'Leicester' } });
  assert.equal(misspelt.status, 422, misspelt.text);
  assert.deepEqual(misspelt.json.errors.map((e) => e.field), ['postcde']);
  const echoed = await srv.api('PATCH', `/api/v1/persons/${annId}`, { token: t['sw.jones'], body: { ...ok.json, town: 'Leicester' } });
  assert.equal(echoed.status, 200, echoed.text);
  assert.equal(echoed.json.town, 'Leicester');
  assert.equal(echoed.json.postcode, 'LE1 7RH');
  const log = await srv.api('GET', `/api/v1/persons/${annId}/access-log`, { token: t['sw.jones'] });
  assert.ok(log.json.items.some((e) => e.user_name === 'Ravi Patel' && e.basis === 'break_glass'));
  assert.ok(log.json.items.some((e) => e.action === 'update'));
});

test('an org admin merges a duplicate; history moves to the survivor', async () => {
  const a = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { family_name: 'Twin', given_name: 'Tom', date_of_birth: '1960-06-06', sex: 'male' } });
  const b = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { family_name: 'Twin', given_name: 'Tom', date_of_birth: '1960-06-06', sex: 'male', nhs_number: '9990000018' } });
  assert.equal((await srv.api('POST', `/api/v1/persons/${a.json.id}/merge`, { token: t['sw.jones'], body: { merge_id: b.json.id } })).status, 403);
  const m = await srv.api('POST', `/api/v1/persons/${a.json.id}/merge`, { token: t.admin, body: { merge_id: b.json.id } });
  assert.equal(m.status, 200, m.text);
  const survivor = await srv.api('GET', `/api/v1/persons/${a.json.id}`, { token: t['sw.jones'] });
  assert.equal(survivor.json.nhs_number, '9990000018', 'the NHS number moved to the survivor');
  assert.equal(survivor.json.caseloads.length, 2);
  const again = await srv.api('POST', `/api/v1/persons/${a.json.id}/merge`, { token: t.admin, body: { merge_id: b.json.id } });
  assert.equal(again.status, 422);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE action IN ('merge', 'merged_into')`), '2');
});

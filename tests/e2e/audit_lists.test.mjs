// Issue #19: a read that releases many people is ONE audit entry naming its
// people (audit_people), not one entry per person — and everything that
// reads the trail per person still finds the read: the person's access log,
// the audit viewer by NHS number, `seamless audit verify` (which catches a
// person removed from or added to the list), and audit before release.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, cli, blockAuditWrites, BACKEND } from './harness.mjs';

const NHS = ['9434765919', '9434765870', '9434765889'];
let srv, sw, privacy, ids;

before(async () => {
  srv = await startServer();
  sw = srv.token('sw.jones');
  privacy = srv.token('privacy');
  ids = [];
  for (const [i, nhs] of NHS.entries()) {
    const r = await srv.api('POST', '/api/v1/persons', { token: sw, body: { family_name: 'Listedperson',
      given_name: ['Ann', 'Bob', 'Cat'][i], date_of_birth: '1941-05-06', sex: 'female', postcode: 'LE11 3AB',
      nhs_number: nhs } });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const search = () => srv.api('GET', '/api/v1/persons?family_name=Listedperson&date_of_birth=1941-05-06', { token: sw });
const entriesOf = (rid) => sql(srv.db, `SELECT seq FROM audit_log WHERE request_id = '${rid}'`).split('\n').filter(Boolean);

test(`a search that finds three people is one entry listing all three (${BACKEND})`, async () => {
  const r = await search();
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 3);
  const rid = r.headers.get('x-request-id');
  const seqs = entriesOf(rid);
  assert.equal(seqs.length, 1, 'one entry for the request');
  const [seq] = seqs;
  assert.equal(sql(srv.db, `SELECT action || ':' || resource_type || ':' || COALESCE(person_id, '-') FROM audit_log
    WHERE seq = ${seq}`), 'search:person:-');
  const listed = sql(srv.db, `SELECT person_id FROM audit_people WHERE seq = ${seq} ORDER BY person_id`).split('\n');
  assert.deepEqual(listed, [...ids].sort());
  // Each person's access log shows the search, by whom, on what basis.
  for (const id of ids) {
    const log = await srv.api('GET', `/api/v1/persons/${id}/access-log`, { token: sw });
    assert.equal(log.status, 200, log.text);
    const hit = log.json.items.find((e) => e.action === 'search');
    assert.ok(hit, `the search is in ${id}'s access log`);
    assert.equal(hit.user_name, 'Sam Jones');
    assert.equal(hit.basis, 'relationship');
  }
  // The privacy officer's viewer finds it by NHS number and by username.
  const byNhs = await srv.api('GET', `/api/v1/audit?nhs_number=${NHS[1]}`, { token: privacy });
  assert.equal(byNhs.status, 200, byNhs.text);
  assert.ok(byNhs.json.items.some((e) => String(e.seq) === seq && e.person_id === ids[1] && e.action === 'search'));
  const me = await srv.api('GET', '/api/v1/me', { token: sw });
  const byUser = await srv.api('GET', `/api/v1/audit?user_id=${me.json.id}`, { token: privacy });
  const entry = byUser.json.items.find((e) => String(e.seq) === seq);
  assert.ok(entry, 'the entry is listed once under the user');
  assert.equal(Number(entry.people), 3);
  assert.equal(byUser.json.items.filter((e) => String(e.seq) === seq).length, 1);
});

test(`verify passes, then names the list whose person was removed, or added (${BACKEND})`, async () => {
  const r = await search();
  const [seq] = entriesOf(r.headers.get('x-request-id'));
  let v = await cliVerify();
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const victim = sql(srv.db, `SELECT person_id FROM audit_people WHERE seq = ${seq} ORDER BY person_id LIMIT 1`);
  sql(srv.db, `DELETE FROM audit_people WHERE seq = ${seq} AND person_id = '${victim}'`);
  v = await cliVerify();
  assert.notEqual(v.status, 0, 'a removed person is caught');
  assert.match(v.stdout + v.stderr, new RegExp(`\\b${seq}\\b`));
  sql(srv.db, `INSERT INTO audit_people (seq, person_id, basis) VALUES (${seq}, '${victim}', 'relationship')`);
  reindex(seq);
  assert.equal((await cliVerify()).status, 0, 'put back as it was, the chain verifies');
  sql(srv.db, `INSERT INTO audit_people (seq, person_id, basis) VALUES (${seq}, 'someone-else', 'relationship')`);
  v = await cliVerify();
  assert.notEqual(v.status, 0, 'an added person is caught');
  assert.match(v.stdout + v.stderr, new RegExp(`\\b${seq}\\b`));
  sql(srv.db, `DELETE FROM audit_people WHERE seq = ${seq} AND person_id = 'someone-else'`);
  reindex(seq);
  assert.equal((await cliVerify()).status, 0);
});

// The writer may have indexed the tampered people by person meanwhile
// (migration 036: the index is derived); putting things back "as they were"
// includes the derived index, as the writer would have written it.
function reindex(seq) {
  sql(srv.db, `BEGIN; DELETE FROM audit_people_index WHERE seq = ${seq};
    INSERT INTO audit_people_index (person_id, seq) SELECT person_id, seq FROM audit_people
     WHERE seq = ${seq} AND seq <= (SELECT indexed_to FROM audit_index_state WHERE id = 1); COMMIT;`);
}

test(`when the list's entry cannot be written, nobody on the list is released (${BACKEND})`, async () => {
  const people = Number(sql(srv.db, 'SELECT count(*) FROM audit_people'));
  blockAuditWrites(srv.db);
  try {
    const r = await search();
    assert.equal(r.status, 503, r.text);
    for (const nhs of NHS) assert.doesNotMatch(r.text, new RegExp(nhs));
    assert.doesNotMatch(r.text, /Listedperson/);
    assert.equal(Number(sql(srv.db, 'SELECT count(*) FROM audit_people')), people);
  } finally {
    sql(srv.db, BACKEND === 'postgres' ? 'DROP TRIGGER block_audit ON audit_log' : 'DROP TRIGGER block_audit');
    if (BACKEND === 'postgres') sql(srv.db, 'DROP FUNCTION block_audit()');
  }
  assert.equal((await search()).status, 200);
});

async function cliVerify() {
  return cli(['audit', 'verify', '--db', srv.db]);
}

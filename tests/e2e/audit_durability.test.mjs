// Audit chain and durability end-to-end: audited reads, tamper detection,
// audit failure releases no data, acknowledged writes survive kill -9,
// a newer schema is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, sql, blockAuditWrites } from './harness.mjs';

test('reads of a user record are audited and visible to the privacy officer', async () => {
  const srv = await startServer();
  try {
    const admin = srv.token('admin');
    const privacy = srv.token('privacy');
    const users = await srv.api('GET', '/api/v1/users?limit=200', { token: admin });
    const target = users.json.items.find((u) => u.username === 'sw.jones');
    const before = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_id = '${target.id}' AND action = 'read'`));
    const r = await srv.api('GET', `/api/v1/users/${target.id}`, { token: admin });
    assert.equal(r.status, 200);
    const after = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_id = '${target.id}' AND action = 'read'`));
    assert.equal(after, before + 1);
    const me = await srv.api('GET', '/api/v1/me', { token: admin });
    const log = await srv.api('GET', `/api/v1/audit?user_id=${me.json.id}`, { token: privacy });
    assert.equal(log.status, 200);
    assert.ok(log.json.items.some((e) => e.resource_id === target.id && e.action === 'read' && e.basis === 'admin'));
    const page2 = await srv.api('GET', `/api/v1/audit?user_id=${me.json.id}&limit=1`, { token: privacy });
    assert.equal(page2.json.items.length, 1);
    assert.ok(page2.json.next_cursor);
    const bad = await srv.api('GET', '/api/v1/audit?from=yesterday', { token: privacy });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.errors[0].field, 'from');
  } finally { await srv.stop(); srv.cleanup(); }
});

test('audit verify passes, then fails naming the entry after a row is edited', async () => {
  const srv = await startServer();
  const admin = srv.token('admin');
  await srv.api('GET', '/api/v1/me', { token: admin });
  await srv.stop();
  let r = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /intact/);
  // An entry after the first (on Citus the trail is eight chains, and seq 2 may be none's).
  const seq = sql(srv.db, 'SELECT min(seq) FROM audit_log WHERE seq > 1');
  sql(srv.db, `UPDATE audit_log SET action = 'tampered' WHERE seq = ${seq}`);
  r = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`entry ${seq}\\b`));
  srv.cleanup();
});

test('when the audit entry cannot be written the read fails with 503 and no personal data', async () => {
  const srv = await startServer();
  try {
    const admin = srv.token('admin');
    const users = await srv.api('GET', '/api/v1/users?limit=200', { token: admin });
    const target = users.json.items.find((u) => u.username === 'sw.jones');
    blockAuditWrites(srv.db);
    const r = await srv.api('GET', `/api/v1/users/${target.id}`, { token: admin });
    assert.equal(r.status, 503);
    assert.ok(!r.text.includes('Sam Jones'), 'no personal data in the failure');
    assert.ok(!r.text.includes('blocked'), 'no internals in the failure');
    assert.match(r.json.detail, /reference/);
  } finally { await srv.stop(); srv.cleanup(); }
});

// Reads wait for their audit entries without holding a worker thread (the
// connection is suspended until the group commit): with two workers, 60
// concurrent reads are all answered, each audited before it left; with the
// audit insert failing, every one of them is 503 and none carries the record.
test('concurrent audited reads: each released only with its entry, none when the audit fails', async () => {
  const srv = await startServer({ args: ['--threads', '2'] });
  try {
    const token = srv.token('sw.jones');
    const p = await srv.api('POST', '/api/v1/persons', { token, body: { family_name: 'Concurrent',
      given_name: 'Cass', date_of_birth: '1948-03-03', sex: 'female', postcode: 'LE11 3AB' } });
    assert.equal(p.status, 201, p.text);
    const reads = () => Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${p.json.id}' AND action = 'read'`));
    const before = reads();
    const all = () => Promise.all(Array.from({ length: 60 }, () => srv.api('GET', `/api/v1/persons/${p.json.id}`, { token })));
    const ok = await all();
    assert.deepEqual([...new Set(ok.map((r) => r.status))], [200]);
    assert.ok(ok.every((r) => r.json.family_name === 'Concurrent'));
    assert.equal(reads(), before + 60, 'one audit entry for each read released');
    blockAuditWrites(srv.db);
    // One commit released all 60 at once; fetch hands a socket back to its
    // pool a tick after the body ends, so without a pause it would open 60
    // more and meet the per-address connection limit (64).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await all();
    assert.deepEqual([...new Set(refused.map((r) => r.status))], [503]);
    assert.ok(refused.every((r) => !r.text.includes('Concurrent') && !r.text.includes('Cass')), 'nothing of the record');
    assert.equal(reads(), before + 60, 'nothing written while blocked');
    assert.equal((await srv.api('GET', '/healthz')).status, 200);
  } finally { await srv.stop(); srv.cleanup(); }
});

test('an acknowledged write survives kill -9 of the server', async () => {
  const srv = await startServer();
  const admin = srv.token('admin');
  const created = [];
  for (let i = 0; i < 20; i++) {
    const r = await srv.api('POST', '/api/v1/teams', { token: admin, body: { code: `KILL${i}`, name: `Kill ${i}` } });
    assert.equal(r.status, 201);
    created.push(r.json.id);
  }
  await srv.stop('SIGKILL');
  const again = await startServer({ db: srv.db, dir: srv.dir });
  try {
    for (const id of created) {
      const r = await again.api('GET', `/api/v1/teams/${id}`, { token: admin });
      assert.equal(r.status, 200, `team ${id} lost`);
    }
    assert.equal(cli(['audit', 'verify', '--db', srv.db]).status, 0);
  } finally { await again.stop(); again.cleanup(); }
});

test('serve refuses a database whose schema is newer than the binary', async () => {
  const srv = await startServer();
  await srv.stop();
  sql(srv.db, "INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01T00:00:00Z')");
  const r = cli(['serve', '--db', srv.db, '--listen', '127.0.0.1:0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /newer/);
  srv.cleanup();
});

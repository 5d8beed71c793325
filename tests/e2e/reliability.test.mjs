// Reliability and transport (issue #20, items 5 and 6): HSTS with
// --secure-cookies; /healthz says the process is live without touching the
// database, /healthz/ready really asks the database (on PostgreSQL: 503
// while the database refuses connections, 200 again once it is back); a
// 503 says "try again later" with no internals and a Retry-After.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, BACKEND } from './harness.mjs';

test('--secure-cookies sends Strict-Transport-Security on every response; without it none', async () => {
  const srv = await startServer({ args: ['--secure-cookies'] });
  try {
    for (const p of ['/healthz', '/login', '/api/v1/me', '/static/app.css', '/nowhere']) {
      const r = await fetch(srv.base + p, { redirect: 'manual' });
      assert.equal(r.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains', p);
    }
  } finally { await srv.stop(); srv.cleanup(); }
  const plain = await startServer();
  try {
    const r = await fetch(plain.base + '/healthz');
    assert.equal(r.headers.get('strict-transport-security'), null);
  } finally { await plain.stop(); plain.cleanup(); }
});

test('/healthz is live, /healthz/ready checks the store', async () => {
  const srv = await startServer();
  try {
    let r = await srv.api('GET', '/healthz');
    assert.deepEqual([r.status, r.json], [200, { status: 'ok' }]);
    r = await srv.api('GET', '/healthz/ready');
    assert.deepEqual([r.status, r.json], [200, { status: 'ready' }]);
  } finally { await srv.stop(); srv.cleanup(); }
});

test('PostgreSQL refusing connections: ready answers 503 with no internals, live 200; back again: ready 200',
     { skip: BACKEND !== 'postgres' }, async () => {
  const srv = await startServer({ args: ['--threads', '2'] });
  const name = srv.db.match(/\/([^/?]+)(\?|$)/)[1];
  const admin = srv.db.replace(`/${name}`, '/postgres');
  try {
    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    sql(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
    for (let i = 0; i < 4; i++) {       // every worker's connection
      const r = await srv.api('GET', '/healthz/ready');
      assert.equal(r.status, 503, r.text);
      assert.match(r.json.type, /unavailable$/);
      assert.match(r.json.detail, /try again in a few minutes/);
      assert.doesNotMatch(r.text, /postgres|database|connection|FATAL/i);
      assert.equal(r.headers.get('retry-after'), '30');
    }
    assert.equal((await srv.api('GET', '/healthz')).status, 200);
    assert.match(srv.log(), /cause="[^"]*(database unavailable|connection)/);
    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    for (let i = 0; i < 4; i++) assert.equal((await srv.api('GET', '/healthz/ready')).status, 200);
  } finally {
    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await srv.stop(); srv.cleanup();
  }
});

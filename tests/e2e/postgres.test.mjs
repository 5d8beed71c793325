// PostgreSQL only (scripts/with-postgres): the database server goes away
// under a running seamless and comes back. While it is down requests get 503
// problem+json without internals; afterwards every worker reconnects on its
// own, writes work and the audit chain is intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { startServer, cli, BACKEND } from './harness.mjs';

const PGCTL = process.env.SEAMLESS_TEST_PGCTL;
const skip = BACKEND !== 'postgres' || !PGCTL ? 'PostgreSQL only (scripts/with-postgres)' : false;

function pgctl(action) {
  execSync(`${PGCTL} ${action}`, { cwd: '/tmp', stdio: 'ignore' });
}

test('503 while PostgreSQL is down, then the server recovers by itself', { skip }, async () => {
  const srv = await startServer({ args: ['--threads', '2'] });
  try {
    const admin = srv.token('admin');
    let r = await srv.api('GET', '/api/v1/me', { token: admin });
    assert.equal(r.status, 200);
    pgctl('stop');
    try {
      for (let i = 0; i < 4; i++) {
        r = await srv.api('GET', '/api/v1/me', { token: admin });
        assert.equal(r.status, 503);
        assert.match(r.headers.get('content-type'), /application\/problem\+json/);
        assert.doesNotMatch(r.text, /postgres|socket|connection|PGSQL/i, 'no internals');
        assert.ok(!r.text.includes('Alex Admin'), 'no personal data');
      }
    } finally {
      pgctl('start');
    }
    // Every worker thread's connection was lost; each reconnects on next use.
    for (let i = 0; i < 6; i++) {
      r = await srv.api('GET', '/api/v1/me', { token: admin });
      assert.equal(r.status, 200, r.text);
    }
    r = await srv.api('POST', '/api/v1/teams', { token: admin, body: { code: 'AFTER', name: 'After restart' } });
    assert.equal(r.status, 201, r.text);
  } finally { await srv.stop(); }
  const v = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stderr);
  srv.cleanup();
});

test('a database that does not exist is refused clearly at start', { skip }, async () => {
  const url = process.env.SEAMLESS_TEST_DB.replace(/(:\/\/[^/?]*)\/[^?]*/, '$1/no_such_database');
  const r = cli(['serve', '--db', url, '--listen', '127.0.0.1:0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unavailable|does not exist/);
});

// Reliability and transport (issue #20, items 5 and 6): HSTS with
// --secure-cookies; /healthz says the process is live without touching the
// database, /healthz/ready really asks the database (on PostgreSQL: 503
// while the database refuses connections, 200 again once it is back); a
// 503 says "try again later" with no internals and a Retry-After; a
// PostgreSQL server that stops answering gives 503s within seconds and the
// workers reconnect once it answers again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, sql, cli, newDatabase, BACKEND } from './harness.mjs';

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
    assert.match(srv.log(), /(cause|detail)="[^"]*(database unavailable|connection)/);
    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    for (let i = 0; i < 4; i++) assert.equal((await srv.api('GET', '/healthz/ready')).status, 200);
  } finally {
    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await srv.stop(); srv.cleanup();
  }
});

// A unix-socket proxy in front of the test cluster that can stop passing
// bytes: a database that accepts connections and never answers.
// port: the socket's number (5432 unless the URL says; scripts/with-citus uses others).
function freezableProxy(realSocketDir, port = '5432') {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-pgproxy-'));
  const state = { frozen: false, pairs: [] };
  const server = net.createServer((client) => {
    const up = net.connect(path.join(realSocketDir, `.s.PGSQL.${port}`));
    const pair = [client, up];
    state.pairs.push(pair);
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());
    if (!state.frozen) link(pair);
  });
  const link = ([a, b]) => { a.pipe(b); b.pipe(a); };
  const unlink = ([a, b]) => { a.unpipe(b); b.unpipe(a); a.pause(); b.pause(); };
  return {
    dir, state,
    listen: () => new Promise((resolve) => server.listen(path.join(dir, `.s.PGSQL.${port}`), resolve)),
    freeze() { state.frozen = true; state.pairs.forEach(unlink); },
    thaw() { if (state.frozen) { state.frozen = false; state.pairs.forEach(link); } },
    close() { for (const [a, b] of state.pairs) { a.destroy(); b.destroy(); } server.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

test('PostgreSQL that hangs (accepts, never answers): 503 within seconds, no stuck workers; recovers when it answers',
     { skip: BACKEND !== 'postgres' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const direct = newDatabase(dir);
  assert.equal(cli(['demo', '--db', direct, '--persons', '0']).status, 0);
  const host = new URL(direct).searchParams.get('host');
  const proxy = freezableProxy(host, new URL(direct).searchParams.get('port') ?? '5432');
  await proxy.listen();
  const viaProxy = direct.replace(`host=${encodeURIComponent(host)}`, `host=${proxy.dir}`).replace(`host=${host}`, `host=${proxy.dir}`);
  assert.notEqual(viaProxy, direct);
  const srv = await startServer({ db: viaProxy, dir, args: ['--threads', '2'] });
  try {
    // (the CLI talks to the database directly: spawnSync would block this process's proxy)
    const token = cli(['token', 'issue', '--db', direct, '--username', 'sw.jones']).stdout.trim();
    assert.equal((await srv.api('GET', '/api/v1/me', { token })).status, 200);
    proxy.freeze();
    const t0 = performance.now();
    // More requests than workers: one waits behind a stuck worker for longer than the header deadline
    // (--header-timeout, 10 s); it is answered 503 when its worker is free, not closed.
    const answers = await Promise.all([0, 1, 2].map(() => srv.api('GET', '/api/v1/teams', { token })));
    const took = (performance.now() - t0) / 1000;
    assert.deepEqual(answers.map((r) => r.status), [503, 503, 503]);
    // 12 s waiting for an answer (PG_WAIT_SECONDS), then a 5 s reconnect for the retried read, per request a worker runs
    assert.ok(took < 50, `answered within ${took.toFixed(1)} s`);
    const t1 = performance.now();
    assert.equal((await srv.api('GET', '/healthz/ready')).status, 503);
    const readyTook = (performance.now() - t1) / 1000;
    // A worker whose connection is still frozen waits out PG_WAIT_SECONDS (12 s) once more before it reconnects.
    assert.ok(readyTook < 20, `later requests fail within seconds: ${readyTook.toFixed(1)} s`);
    assert.equal((await srv.api('GET', '/healthz')).status, 200, 'still live');
    proxy.thaw();
    let ok = 0;
    for (let i = 0; i < 20 && ok < 4; i++) if ((await srv.api('GET', '/api/v1/teams', { token })).status === 200) ok++;
    assert.equal(ok, 4, 'every worker reconnected');
  } finally {
    proxy.thaw();
    await srv.stop();
    proxy.close();
    srv.cleanup();
  }
});

// Foundation end-to-end: health, sessions, permissions, limits, validation,
// optimistic concurrency, CSRF, tokens, throttling, headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { startServer, cli, PASSWORD } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal(await srv.stop(), 0, 'clean shutdown on SIGTERM'); srv.cleanup(); });

function problem(r, status) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /application\/problem\+json/);
  assert.equal(r.json.status, status);
  assert.ok(r.json.type && r.json.title && r.json.detail);
}

test('healthz answers without credentials, with request id and security headers', async () => {
  const r = await srv.api('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
  assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(r.headers.get('referrer-policy'));
});

test('no credentials gives 401 problem+json; an unknown route 404; wrong method 405', async () => {
  problem(await srv.api('GET', '/api/v1/me'), 401);
  problem(await srv.api('GET', '/api/v1/me', { token: 'sk_' + '0'.repeat(64) }), 401);
  problem(await srv.api('GET', '/api/v1/nothing-here'), 404);
  problem(await srv.api('PUT', '/api/v1/me'), 405);
});

test('every API route except sign-in refuses a request without credentials', async () => {
  const routes = [...readFileSync('src/api/routes.c', 'utf8').matchAll(/\{"(GET|POST|PATCH|DELETE|PUT)", "(\/api\/v1\/[^"]*)"/g)];
  assert.ok(routes.length > 10);
  for (const [, method, pattern] of routes) {
    if (method === 'POST' && pattern === '/api/v1/sessions') continue;
    const p = pattern.replace(/\{[^}]+\}/g, '0123456789abcdef01234567');
    const r = await srv.api(method, p, method === 'GET' ? {} : { body: {} });
    assert.equal(r.status, 401, `${method} ${pattern} gave ${r.status}`);
  }
});

test('sign in sets an HttpOnly SameSite cookie; sign out ends the session', async () => {
  const s = await srv.login('sw.jones');
  assert.equal(s.status, 201);
  assert.match(s.setCookie, /HttpOnly/);
  assert.match(s.setCookie, /SameSite=Lax/);
  assert.match(s.csrf, /^[0-9a-f]{64}$/);
  const me = await srv.api('GET', '/api/v1/me', { headers: { Cookie: s.cookie } });
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'sw.jones');
  assert.equal(me.json.password_hash, undefined);
  const out = await srv.api('DELETE', '/api/v1/sessions/current',
                            { headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, Origin: srv.base } });
  assert.equal(out.status, 204);
  problem(await srv.api('GET', '/api/v1/me', { headers: { Cookie: s.cookie } }), 401);
  problem(await srv.api('POST', '/api/v1/sessions', { body: { username: 'sw.jones', password: 'wrong-password-x' } }), 401);
});

test('a role without the permission gets 403', async () => {
  const practitioner = srv.token('sw.jones');
  problem(await srv.api('GET', '/api/v1/audit', { token: practitioner }), 403);
  problem(await srv.api('POST', '/api/v1/teams', { token: practitioner, body: { code: 'X', name: 'X' } }), 403);
  const board = srv.token('board');
  problem(await srv.api('GET', '/api/v1/users', { token: board }), 403);
  problem(await srv.api('GET', '/api/v1/persons?postcode=LE1%207RH', { token: board }), 403);
});

// The head of a request, then (maybe) part of its body, on a raw socket: resolves with what the server answered.
function rawExchange(base, head, body = '') {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () => sock.write(head + body));
    let got = '';
    sock.on('data', (d) => { got += d; });
    sock.on('error', (e) => (got ? resolve(got) : reject(e)));
    sock.on('close', () => resolve(got));
    sock.setTimeout(10000, () => sock.destroy());
  });
}

test('a body over the limit gets 413 and nothing is stored', async () => {
  const admin = srv.token('admin');
  // Declared too large: answered at once, without the server reading (or the client sending) the body.
  const declared = await rawExchange(srv.base, `POST /api/v1/teams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${1024 * 1024 + 10}\r\n\r\n`, '{"code": "BIG", "name": "');
  assert.match(declared, /^HTTP\/1\.1 413 /);
  assert.match(declared, /over the size limit/);
  // Sent without a length (chunked) and over the limit while it arrives: read to the end, then 413.
  const big = 'x'.repeat(1024 * 1024 + 10);
  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(JSON.stringify({ code: 'BIG', name: big }))); c.close(); } });
  const r = await fetch(srv.base + '/api/v1/teams', { method: 'POST', body: stream, duplex: 'half',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' } });
  assert.equal(r.status, 413, await r.text());
  const teams = await srv.api('GET', '/api/v1/teams', { token: admin });
  assert.ok(!teams.json.items.some((t) => t.code === 'BIG'));
});

test('invalid values get 422 naming each field; malformed JSON 400', async () => {
  const admin = srv.token('admin');
  const r = await srv.api('POST', '/api/v1/users', { token: admin, body: {
    username: 'Bad Name', display_name: '', role: 'wizard', profession: 'social_worker', password: 'short' } });
  problem(r, 422);
  const fields = r.json.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['display_name', 'password', 'role', 'username']);
  const raw = await fetch(srv.base + '/api/v1/teams', { method: 'POST', body: '{"code": ',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' } });
  assert.equal(raw.status, 400);
});

test('updates need the current version: stale If-Match 412, stale body version 409', async () => {
  const admin = srv.token('admin');
  const c = await srv.api('POST', '/api/v1/teams', { token: admin, body: { code: 'E2E-V', name: 'Version team' } });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.headers.get('etag'), 'W/"1"');
  const id = c.json.id;
  const ok = await srv.api('PATCH', `/api/v1/teams/${id}`, { token: admin, body: { version: 1, name: 'Renamed' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.headers.get('etag'), 'W/"2"');
  assert.equal(ok.json.name, 'Renamed');
  problem(await srv.api('PATCH', `/api/v1/teams/${id}`, { token: admin, body: { name: 'Lost' },
                                                          headers: { 'If-Match': 'W/"1"' } }), 412);
  const stale = await srv.api('PATCH', `/api/v1/teams/${id}`, { token: admin, body: { version: 1, name: 'Lost' } });
  problem(stale, 409);
  const now = await srv.api('GET', `/api/v1/teams/${id}`, { token: admin });
  assert.equal(now.json.name, 'Renamed');
  assert.equal(now.json.version, 2);
});

test('cookie requests that change state need the CSRF token and our Origin', async () => {
  const s = await srv.login('admin');
  const body = { code: 'CSRF1', name: 'CSRF team' };
  problem(await srv.api('POST', '/api/v1/teams', { body, headers: { Cookie: s.cookie, Origin: srv.base } }), 403);
  problem(await srv.api('POST', '/api/v1/teams', { body, headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf,
                                                                   Origin: 'http://evil.example' } }), 403);
  const form = await fetch(srv.base + '/admin/teams', { method: 'POST', redirect: 'manual',
    headers: { Cookie: s.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'code=CSRF2&name=Form+team' });
  assert.equal(form.status, 403);
  const good = await srv.api('POST', '/api/v1/teams', { body, headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf,
                                                                        Origin: srv.base } });
  assert.equal(good.status, 201, good.text);
  const formOk = await fetch(srv.base + '/admin/teams', { method: 'POST', redirect: 'manual',
    headers: { Cookie: s.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `csrf_token=${s.csrf}&code=CSRF2&name=Form+team` });
  assert.equal(formOk.status, 303);
  assert.equal(formOk.headers.get('location'), '/admin/teams');
});

test('API tokens work until revoked', async () => {
  const s = await srv.login('rn.patel');
  const hdr = { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, Origin: srv.base };
  const t = await srv.api('POST', '/api/v1/tokens', { headers: hdr, body: { label: 'e2e' } });
  assert.equal(t.status, 201, t.text);
  assert.match(t.json.token, /^sk_[0-9a-f]{64}$/);
  const me = await srv.api('GET', '/api/v1/me', { token: t.json.token });
  assert.equal(me.json.username, 'rn.patel');
  const list = await srv.api('GET', '/api/v1/tokens', { token: t.json.token });
  assert.ok(list.json.items.some((x) => x.id === t.json.id));
  assert.ok(!list.text.includes(t.json.token), 'the secret is never listed');
  assert.equal((await srv.api('DELETE', `/api/v1/tokens/${t.json.id}`, { token: t.json.token })).status, 204);
  problem(await srv.api('GET', '/api/v1/me', { token: t.json.token }), 401);
});

test('repeated failed sign-ins slow down and then get 429 with Retry-After', async () => {
  const statuses = [];
  let last;
  for (let i = 0; i < 6; i++) {
    last = await srv.api('POST', '/api/v1/sessions', { body: { username: 'ot.evans', password: 'not-the-password' } });
    statuses.push(last.status);
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.equal(statuses[5], 429);
  assert.ok(Number(last.headers.get('retry-after')) > 0);
  // Even the right password is refused while locked out.
  const locked = await srv.api('POST', '/api/v1/sessions', { body: { username: 'ot.evans', password: PASSWORD } });
  assert.equal(locked.status, 429);
});

test('the CLI refuses bad input with a clear message and exit status', () => {
  let r = cli(['user', 'add', '--db', srv.db, '--username', 'x.y', '--org', 'SCC', '--role', 'practitioner']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--password-stdin/);
  r = cli(['org', 'add', '--db', srv.db, '--code', 'ZZ', '--name', 'Z', '--type', 'spaceship']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--type/);
  r = cli(['user', 'add', '--db', srv.db, '--username', 'new.user', '--org', 'SCC', '--role', 'practitioner',
           '--team', 'ILT-SOUTH', '--password-stdin'], 'a-long-enough-password\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.trim(), /^[0-9a-f]{24}$/);
});

// A hospital's interface engine (an `integration` account) cannot sign in,
// so its organisation's admin issues its token — from the API and from the
// admin page: the secret is shown once and only its hash is stored, every
// issue and revocation is audited, a revoked token stops working at once,
// and nobody else can issue one: an admin of another organisation does not
// see the account, an admin cannot issue a person's token, staff cannot
// issue any; each refusal stores nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, sql } from './harness.mjs';

let srv, t, pas, nurse;
const tokens = () => Number(sql(srv.db, `SELECT COUNT(*) FROM api_tokens WHERE user_id = '${pas}'`));
const audited = (action, id) => sql(srv.db, `SELECT a.basis || ' ' || u.username FROM audit_log a JOIN users u
  ON u.id = a.user_id WHERE a.action = '${action}' AND a.resource_type = 'api_token' AND a.resource_id = '${id}'`);
// A token the feed accepts is authenticated: an empty JSON event is 422, a dead token 401.
const feeds = async (token) => (await srv.api('POST', '/api/v1/hospital-events', { token, body: {} })).status;

before(async () => {
  srv = await startServer();
  t = { sht: srv.token('sht.admin'), council: srv.token('admin'), idt: srv.token('idt.nurse') };
  pas = sql(srv.db, "SELECT id FROM users WHERE username = 'sht.pas'");
  nurse = sql(srv.db, "SELECT id FROM users WHERE username = 'idt.nurse'");
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test("the trust's admin issues the engine's token over the API: shown once, hashed, audited, revocable", async () => {
  const before = tokens();
  const r = await srv.api('POST', `/api/v1/users/${pas}/tokens`, { token: t.sht, body: { label: 'Live engine' } });
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.token, /^sk_[0-9a-f]{64}$/);
  assert.equal(tokens(), before + 1);
  assert.equal(sql(srv.db, `SELECT token_hash FROM api_tokens WHERE id = '${r.json.id}'`),
               createHash('sha256').update(r.json.token).digest('hex'), 'only the hash is stored');
  assert.equal(audited('create', r.json.id), 'admin sht.admin');
  assert.equal(await feeds(r.json.token), 422, 'the engine is signed in with it');
  const list = await srv.api('GET', `/api/v1/users/${pas}/tokens`, { token: t.sht });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.user.username, 'sht.pas');
  const mine = list.json.items.find((x) => x.id === r.json.id);
  assert.equal(mine.label, 'Live engine');
  assert.equal(mine.revoked_at, null);
  assert.ok(!list.text.includes(r.json.token), 'the secret is never shown again');
  const del = await srv.api('DELETE', `/api/v1/tokens/${r.json.id}`, { token: t.sht });
  assert.equal(del.status, 204, del.text);
  assert.equal(audited('revoke', r.json.id), 'admin sht.admin');
  assert.equal(await feeds(r.json.token), 401, 'a revoked token stops at once');
});

test('nobody else issues it, and a refusal stores nothing', async () => {
  const before = tokens();
  const nurseTokens = () => Number(sql(srv.db, `SELECT COUNT(*) FROM api_tokens WHERE user_id = '${nurse}'`));
  const nurseBefore = nurseTokens();
  const cases = [
    ['a council admin: not their account', t.council, pas, {}, 404],
    ['staff of the trust', t.idt, pas, {}, 403],
    ["the trust's admin, for a person's account", t.sht, nurse, {}, 403],
    ['no such account', t.sht, 'no-such-user', {}, 404],
    ['a label too long', t.sht, pas, { label: 'x'.repeat(101) }, 422],
    ['a label that is not text', t.sht, pas, { label: 7 }, 422],
  ];
  for (const [what, token, user, body, status] of cases) {
    const r = await srv.api('POST', `/api/v1/users/${user}/tokens`, { token, body });
    assert.equal(r.status, status, `${what}: ${r.text}`);
    if (status === 422) assert.deepEqual(r.json.errors.map((e) => e.field), ['label'], what);
    const l = await srv.api('GET', `/api/v1/users/${user}/tokens`, { token });
    assert.equal(l.status, status === 422 ? 200 : status, `${what} (list): ${l.text}`);
  }
  assert.equal(tokens(), before);
  assert.equal(nurseTokens(), nurseBefore);
  const denied = Number(sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'read_denied'
    AND resource_type = 'api_token' AND resource_id = '${nurse}'`));
  assert.equal(denied, 2, "the admin's attempts on a person's account are audited");
  // A council admin cannot revoke the trust's engine token either (not their organisation's).
  const r = await srv.api('POST', `/api/v1/users/${pas}/tokens`, { token: t.sht, body: {} });
  assert.equal(r.status, 201, r.text);
  assert.equal((await srv.api('DELETE', `/api/v1/tokens/${r.json.id}`, { token: t.council })).status, 404);
  assert.equal(await feeds(r.json.token), 422);
  // A deactivated account gets no new token.
  const eng = await srv.api('POST', '/api/v1/users', { token: t.sht, body: { username: 'sht.old', display_name:
    'Old engine', role: 'integration', profession: 'other', password: 'a-long-engine-password' } });
  assert.equal(eng.status, 201, eng.text);
  const off = await srv.api('PATCH', `/api/v1/users/${eng.json.id}`, { token: t.sht,
    body: { version: eng.json.version, active: false } });
  assert.equal(off.status, 200, off.text);
  assert.equal((await srv.api('POST', `/api/v1/users/${eng.json.id}/tokens`, { token: t.sht, body: {} })).status, 409);
});

test('the admin page: linked from the users list, the token shown once, revoked with a button', async () => {
  const s = await srv.login('sht.admin');
  assert.equal(s.status, 201);
  const get = async (p) => fetch(srv.base + p, { headers: { Cookie: s.cookie }, redirect: 'manual' });
  const post = (p, fields) => fetch(srv.base + p, { method: 'POST', redirect: 'manual',
    headers: { Cookie: s.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: s.csrf, ...fields }).toString() });
  const users = await (await get('/admin/users')).text();
  assert.match(users, new RegExp(`href="/admin/users/${pas}/tokens"`));
  assert.ok(!users.includes(`/admin/users/${nurse}/tokens`), 'no token link for a person');
  const bad = await post(`/admin/users/${pas}/tokens`, { label: 'y'.repeat(101) });
  assert.equal(bad.status, 422);
  const badHtml = await bad.text();
  assert.match(badHtml, /There is a problem/);
  assert.match(badHtml, /value="y{101}"/, 'what was typed is kept');
  const before = tokens();
  const ok = await post(`/admin/users/${pas}/tokens`, { label: 'Standby engine' });
  assert.equal(ok.status, 201);
  const token = (await ok.text()).match(/id="new-token"[^>]* value="(sk_[0-9a-f]{64})"/)[1];
  assert.equal(tokens(), before + 1);
  assert.equal(await feeds(token), 422);
  const again = await (await get(`/admin/users/${pas}/tokens`)).text();
  assert.ok(!again.includes(token), 'shown once');
  assert.match(again, /Standby engine/);
  const id = sql(srv.db, `SELECT id FROM api_tokens WHERE user_id = '${pas}' AND label = 'Standby engine'`);
  const rev = await post(`/admin/users/${pas}/tokens/${id}/revoke`, {});
  assert.equal(rev.status, 303);
  assert.equal(rev.headers.get('location'), `/admin/users/${pas}/tokens`);
  assert.equal(await feeds(token), 401);
  assert.equal(audited('revoke', id), 'admin sht.admin');
  // A token of another account cannot be revoked through this account's page.
  const other = sql(srv.db, "SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'idt.nurse' LIMIT 1");
  assert.equal((await post(`/admin/users/${pas}/tokens/${other}/revoke`, {})).status, 404);
  assert.equal(sql(srv.db, `SELECT COALESCE(revoked_at, 'open') FROM api_tokens WHERE id = '${other}'`), 'open');
});

test('a new token is shown as issued, letter for letter, on the personal tokens page too', async () => {
  const s = await srv.login('idt.nurse');
  const r = await fetch(srv.base + '/account/tokens', { method: 'POST', redirect: 'manual',
    headers: { Cookie: s.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: s.csrf, label: 'Laptop' }).toString() });
  assert.equal(r.status, 201);
  const token = (await r.text()).match(/<code id="new-token">([^<]*)<\/code>/)[1];
  assert.match(token, /^sk_[0-9a-f]{64}$/, 'not turned into words');
  assert.equal((await srv.api('GET', '/api/v1/tokens', { token })).status, 200);
});

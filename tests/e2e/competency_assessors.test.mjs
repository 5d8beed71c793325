// Issue #14 item 3: only a designated assessor — a registered practitioner
// or trainer named by the delegating organisation's org admin — records or
// renews a competency; the assessor is the account that records it, and the
// register shows who assessed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from './harness.mjs';

let srv, t;
const uid = (u) => sql(srv.db, `SELECT id FROM users WHERE username = '${u}'`);
const hcp = () => sql(srv.db, "SELECT id FROM organisations WHERE code = 'HCP'");
const record = (token, body) => srv.api('POST', '/api/v1/competencies', { token, body: {
  worker_name: 'Kim Carer', worker_org_id: hcp(), competency_code: 'peg_feeding', assessed_on: day(-1),
  expires_on: day(300), evidence: 'Observed practice', ...body } });

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['rn.patel', 'sw.jones', 'cw.lee', 'admin', 'tm.khan']) t[u] = srv.token(u);
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('anyone not designated is refused and nothing is stored; a free-text assessor name is ignored', async () => {
  for (const u of ['sw.jones', 'cw.lee', 'tm.khan']) {
    const r = await record(t[u], { assessor_name: 'Ravi Patel RN' });
    assert.equal(r.status, 403, `${u}: ${r.text}`);
  }
  assert.equal(sql(srv.db, 'SELECT count(*) FROM competencies'), '0');
});

test('the designated assessor records it under their own account; the register shows who', async () => {
  const r = await record(t['rn.patel'], { assessor_name: 'Someone Else' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.assessor_user_id, uid('rn.patel'));
  assert.equal(r.json.assessor_name, 'Ravi Patel');
  const login = await srv.login('rn.patel');
  const html = await (await fetch(`${srv.base}/competencies`, { headers: { Cookie: login.cookie } })).text();
  assert.match(html, /by Ravi Patel \(Registered nurse\)/);
  assert.match(html, /PEG feeding/);
});

test('only the org admin names assessors, only registered practitioners or trainers of their organisation', async () => {
  const notAdmin = await srv.api('POST', '/api/v1/competency-assessors', { token: t['tm.khan'],
    body: { user_id: uid('tm.khan'), competency_code: 'peg_feeding' } });
  assert.equal(notAdmin.status, 403);
  const sw = await srv.api('POST', '/api/v1/competency-assessors', { token: t['admin'],
    body: { user_id: uid('sw.jones'), competency_code: 'peg_feeding' } });
  assert.equal(sw.status, 422, 'a social worker is not a registered health practitioner or trainer');
  assert.equal(sw.json.errors[0].field, 'user_id');
  const other = await srv.api('POST', '/api/v1/competency-assessors', { token: t['admin'],
    body: { user_id: uid('rn.patel'), competency_code: 'peg_feeding' } });
  assert.equal(other.status, 422, 'another organisation\'s nurse');
  assert.equal(other.json.errors[0].field, 'user_id');
  const code = await srv.api('POST', '/api/v1/competency-assessors', { token: t['admin'],
    body: { user_id: uid('tm.khan'), competency_code: 'knitting' } });
  assert.ok(code.json.errors.some((e) => e.field === 'competency_code'));
  assert.equal(sql(srv.db, `SELECT count(*) FROM competency_assessors WHERE named_by = '${uid('admin')}'`), '0');
});

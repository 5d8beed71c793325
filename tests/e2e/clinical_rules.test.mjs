// Issue #14 items 7 and 8: Fast Track is offered only to registered nurses
// and doctors (refused before the form is filled in); meeting outcomes —
// notes, decisions, actions — only on or after the meeting's date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from './harness.mjs';

let srv, t, pid;
const page = async (user, p) => {
  const login = await srv.login(user);
  const r = await fetch(srv.base + p, { headers: { Cookie: login.cookie } });
  return { status: r.status, html: await r.text() };
};

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['rn.patel', 'sw.jones']) t[u] = srv.token(u);
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: 'Rules', given_name: 'Kit', date_of_birth: '1938-05-05', sex: 'female',
    gp_practice_id: sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN03'") } });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('Fast Track is offered to registered nurses and doctors only', async () => {
  const sw = await page('sw.jones', `/persons/${pid}`);
  assert.equal(sw.status, 200);
  assert.doesNotMatch(sw.html, /chc\/fast-track/, 'no Fast Track link for a social worker');
  const form = await page('sw.jones', `/persons/${pid}/chc/fast-track`);
  assert.equal(form.status, 403, 'refused before the form is filled in');
  assert.match(form.html, /registered nurse or a doctor/);
  // A nurse with a relationship is offered it.
  const bg = await srv.api('POST', `/api/v1/persons/${pid}/break-glass`, { token: t['rn.patel'],
    body: { reason: 'Palliative visit tonight, record needed' } });
  assert.equal(bg.status, 201, bg.text);
  const rn = await page('rn.patel', `/persons/${pid}`);
  assert.match(rn.html, /chc\/fast-track/);
  assert.equal((await page('rn.patel', `/persons/${pid}/chc/fast-track`)).status, 200);
});

test('a meeting takes no notes, decisions or actions before its date', async () => {
  const team = sql(srv.db, "SELECT id FROM teams WHERE code = 'INT-NORTH'");
  const m = await srv.api('POST', '/api/v1/meetings', { token: t['rn.patel'], body: { team_id: team, held_on: day(7) } });
  assert.equal(m.status, 201, m.text);
  const id = m.json.id;
  const a = await srv.api('POST', `/api/v1/meetings/${id}/agenda`, { token: t['rn.patel'], body: { person_id: pid } });
  assert.equal(a.status, 201, a.text);
  const item = a.json.agenda[0].id;
  const notes = await srv.api('PUT', `/api/v1/meetings/${id}/agenda/${item}/notes`, { token: t['rn.patel'],
    body: { notes: 'Written a week early' } });
  assert.equal(notes.status, 422, notes.text);
  assert.deepEqual(notes.json.errors.map((e) => e.field), ['notes']);
  const dec = await srv.api('POST', `/api/v1/meetings/${id}/decisions`, { token: t['rn.patel'],
    body: { person_id: pid, text: 'Decided before we met', consensus: true } });
  assert.equal(dec.status, 422, dec.text);
  assert.deepEqual(dec.json.errors.map((e) => e.field), ['text']);
  const act = await srv.api('POST', `/api/v1/meetings/${id}/actions`, { token: t['rn.patel'],
    body: { person_id: pid, text: 'Done before we met', owner_team_id: team, due_on: day(10) } });
  assert.equal(act.status, 422, act.text);
  assert.deepEqual(act.json.errors.map((e) => e.field), ['text']);
  assert.equal(sql(srv.db, `SELECT count(*) FROM decisions WHERE meeting_id = '${id}'`), '0');
  assert.equal(sql(srv.db, `SELECT count(*) FROM actions WHERE meeting_id = '${id}'`), '0');
  assert.equal(sql(srv.db, `SELECT notes FROM meeting_items WHERE id = '${item}'`), '');
  const p = await page('rn.patel', `/meetings/${id}`);
  assert.match(p.html, /can be recorded from the day of the meeting/);
  assert.doesNotMatch(p.html, /Record decision/);
  // On the day itself they are accepted.
  const today = await srv.api('POST', '/api/v1/meetings', { token: t['rn.patel'], body: { team_id: team, held_on: day(0) } });
  await srv.api('POST', `/api/v1/meetings/${today.json.id}/agenda`, { token: t['rn.patel'], body: { person_id: pid } });
  const ok = await srv.api('POST', `/api/v1/meetings/${today.json.id}/decisions`, { token: t['rn.patel'],
    body: { person_id: pid, text: 'Refer to the falls clinic', consensus: true } });
  assert.equal(ok.status, 201, ok.text);
});

// Issue #14 item 1: meeting attendance opens records only to direct-care
// staff of the partnership's organisations, only for the agenda's people and
// only for a bounded period around the meeting; finance, privacy, panel and
// board accounts and care providers' staff cannot be added; an attendee from
// outside the meeting's team is a self-claimed relationship the privacy
// officer reviews; the picker offers only those who may be added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from './harness.mjs';

let srv, t, team;
const uid = (u) => sql(srv.db, `SELECT id FROM users WHERE username = '${u}'`);

async function person(name) {
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: name, given_name: 'Mo', date_of_birth: '1940-03-03', sex: 'male',
    gp_practice_id: sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN03'") } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function meetingWith(heldOn, personId) {
  const m = await srv.api('POST', '/api/v1/meetings', { token: t['rn.patel'], body: { team_id: team, held_on: heldOn } });
  assert.equal(m.status, 201, m.text);
  const a = await srv.api('POST', `/api/v1/meetings/${m.json.id}/agenda`, { token: t['rn.patel'], body: { person_id: personId } });
  assert.equal(a.status, 201, a.text);
  return m.json.id;
}

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['rn.patel', 'sw.jones', 'dr.rivers', 'privacy']) t[u] = srv.token(u);
  team = sql(srv.db, "SELECT id FROM teams WHERE code = 'INT-NORTH'");
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('finance, privacy, panel, board, admin and provider staff cannot be added; nothing is stored', async () => {
  const m = await meetingWith(day(2), await person('Refused'));
  for (const u of ['finance', 'privacy', 'panel', 'board', 'admin', 'cw.lee']) {
    const r = await srv.api('POST', `/api/v1/meetings/${m}/attendees`, { token: t['rn.patel'], body: { user_id: uid(u) } });
    assert.equal(r.status, 422, `${u}: ${r.text}`);
    assert.equal(r.json.errors[0].field, 'user_id');
  }
  assert.equal(sql(srv.db, `SELECT count(*) FROM meeting_attendees WHERE meeting_id = '${m}'`), '1');
});

test('an attendee from outside the team sees the agenda and is listed for the privacy officer', async () => {
  const p = await person('Claimed');
  const m = await meetingWith(day(3), p);
  assert.equal((await srv.api('GET', `/api/v1/persons/${p}`, { token: t['dr.rivers'] })).status, 403);
  const add = await srv.api('POST', `/api/v1/meetings/${m}/attendees`, { token: t['rn.patel'], body: { user_id: uid('dr.rivers') } });
  assert.equal(add.status, 201, add.text);
  assert.equal((await srv.api('GET', `/api/v1/persons/${p}`, { token: t['dr.rivers'] })).status, 200);
  // sw.jones (the council) is outside the community trust's team too; the
  // council's privacy officer sees that claim.
  assert.equal((await srv.api('POST', `/api/v1/meetings/${m}/attendees`, { token: t['rn.patel'],
    body: { user_id: uid('sw.jones') } })).status, 201);
  const list = await srv.api('GET', '/api/v1/break-glass?status=pending', { token: t['privacy'] });
  assert.equal(list.status, 200, list.text);
  const mine = list.json.self_claimed.filter((c) => c.meeting_id === m);
  assert.deepEqual(mine.map((c) => c.attendee_name), ['Sam Jones']);
  const rev = await srv.api('POST', `/api/v1/self-claimed/${mine[0].id}/review`, { token: t['privacy'],
    body: { status: 'accepted', note: 'Social worker for the locality' } });
  assert.equal(rev.status, 200, rev.text);
  const after = await srv.api('GET', '/api/v1/break-glass?status=pending', { token: t['privacy'] });
  assert.ok(!after.json.self_claimed.some((c) => c.meeting_id === m));
});

test('the relationship is bounded: not weeks before the meeting, not after the grace period', async () => {
  const early = await person('Early');
  const m1 = await meetingWith(day(30), early);
  await srv.api('POST', `/api/v1/meetings/${m1}/attendees`, { token: t['rn.patel'], body: { user_id: uid('dr.rivers') } });
  assert.equal((await srv.api('GET', `/api/v1/persons/${early}`, { token: t['dr.rivers'] })).status, 403,
               'a meeting a month away opens nothing yet');
  const soon = await person('Soon');
  const m2 = await meetingWith(day(14), soon);
  await srv.api('POST', `/api/v1/meetings/${m2}/attendees`, { token: t['rn.patel'], body: { user_id: uid('dr.rivers') } });
  assert.equal((await srv.api('GET', `/api/v1/persons/${soon}`, { token: t['dr.rivers'] })).status, 200,
               'two weeks before the meeting the attendees prepare');
  const past = await person('Past');
  const m3 = await meetingWith(day(-40), past);
  await srv.api('POST', `/api/v1/meetings/${m3}/attendees`, { token: t['rn.patel'], body: { user_id: uid('dr.rivers') } });
  assert.equal((await srv.api('GET', `/api/v1/persons/${past}`, { token: t['dr.rivers'] })).status, 403,
               'a meeting beyond the 28-day grace period opens nothing');
});

test('the attendee picker offers only those who may be added', async () => {
  const m = await meetingWith(day(4), await person('Picker'));
  const login = await srv.login('rn.patel');
  const page = await fetch(`${srv.base}/meetings/${m}`, { headers: { Cookie: login.cookie } });
  const html = await page.text();
  const select = html.match(/<select[^>]*id="attendee_user"[^>]*>([\s\S]*?)<\/select>/)[1];
  for (const name of ['Sam Jones', 'Dr Ren Rivers', 'Chris Lead']) assert.match(select, new RegExp(name));
  for (const name of ['Fran Finance', 'Pat Officer', 'Morgan Panel', 'Bea Board', 'Casey Lee', 'Alex Admin', 'Ravi Patel'])
    assert.doesNotMatch(select, new RegExp(name), `${name} is not offered`);
});

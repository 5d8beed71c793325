// Locality MDT meetings end-to-end: creating with bad input named, the
// agenda (attendance grants the relationship), decisions with and without
// consensus, escalation to a shared care discussion and its board report
// without identifiers, actions with relevant owners and due dates, the
// owner's work list with overdue actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from './harness.mjs';

let srv, t, team, meeting, person, person2;
const uid = (u) => sql(srv.db, `SELECT id FROM users WHERE username = '${u}'`);

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['rn.patel', 'sw.jones', 'ot.evans', 'chc.lead', 'board']) t[u] = srv.token(u);
  team = sql(srv.db, "SELECT id FROM teams WHERE code = 'INT-NORTH'");
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN03'");
  for (const [name, dob] of [['Agenda', '1939-03-03'], ['Second', '1941-04-04']]) {
    const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
      family_name: name, given_name: 'Mo', date_of_birth: dob, sex: 'male', gp_practice_id: gp } });
    assert.equal(r.status, 201, r.text);
    if (name === 'Agenda') person = r.json.id; else person2 = r.json.id;
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('creating a meeting names each bad field and stores nothing', async () => {
  const r = await srv.api('POST', '/api/v1/meetings', { token: t['rn.patel'], body: {
    team_id: sql(srv.db, "SELECT id FROM teams WHERE code = 'CHC'"), held_on: '2026-02-30', starts_at: '25:00',
    video_link: 'http://insecure.example' } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json.errors.map((e) => e.field).sort(), ['held_on', 'starts_at', 'team_id', 'video_link']);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM meetings'), '0');
});

test('a meeting with an agenda: attending grants the relationship', async () => {
  const r = await srv.api('POST', '/api/v1/meetings', { token: t['rn.patel'], body: {
    team_id: team, held_on: day(-10), starts_at: '09:30', location: 'Loughborough Health Centre, room 2' } });
  assert.equal(r.status, 201, r.text);
  meeting = r.json.id;
  assert.equal(r.json.attendees.length, 1, 'the organiser attends');
  assert.equal((await srv.api('GET', `/api/v1/persons/${person}`, { token: t['rn.patel'] })).status, 403);
  const add = await srv.api('POST', `/api/v1/meetings/${meeting}/agenda`, { token: t['rn.patel'],
    body: { person_id: person, reason: '6 long-term conditions (5 or more)' } });
  assert.equal(add.status, 201, add.text);
  assert.equal(add.json.agenda[0].family_name, 'Agenda');
  assert.equal((await srv.api('GET', `/api/v1/persons/${person}`, { token: t['rn.patel'] })).status, 200);
  const again = await srv.api('POST', `/api/v1/meetings/${meeting}/agenda`, { token: t['rn.patel'], body: { person_id: person } });
  assert.equal(again.status, 409);
  await srv.api('POST', `/api/v1/meetings/${meeting}/agenda`, { token: t['rn.patel'], body: { person_id: person2 } });
  const att = await srv.api('POST', `/api/v1/meetings/${meeting}/attendees`, { token: t['rn.patel'],
    body: { user_id: uid('sw.jones') } });
  assert.equal(att.status, 201, att.text);
  const ext = await srv.api('POST', `/api/v1/meetings/${meeting}/attendees`, { token: t['rn.patel'],
    body: { name: 'Pharmacist from the PCN', profession: 'other' } });
  assert.equal(ext.status, 201, ext.text);
  assert.equal(ext.json.attendees.length, 3);
  const notes = await srv.api('PUT', `/api/v1/meetings/${meeting}/agenda/${add.json.agenda[0].id}/notes`,
    { token: t['sw.jones'], body: { notes: 'Lives alone; daughter visits weekly.' } });
  assert.equal(notes.status, 200, notes.text);
  assert.equal(notes.json.agenda[0].notes, 'Lives alone; daughter visits weekly.');
  // Being on the agenda opens the record to every attendee, so only the
  // locality's population (or people the user already works with) can be added.
  const south = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: 'Elsewhere', given_name: 'Kim', date_of_birth: '1950-05-05', sex: 'female',
    gp_practice_id: sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPS01'") } });
  const far = await srv.api('POST', `/api/v1/meetings/${meeting}/agenda`, { token: t['rn.patel'], body: { person_id: south.json.id } });
  assert.equal(far.status, 422);
  assert.equal(far.json.errors[0].field, 'person_id');
  assert.equal((await srv.api('GET', `/api/v1/persons/${south.json.id}`, { token: t['rn.patel'] })).status, 403);
  // Someone neither in the team nor attending sees nothing.
  assert.equal((await srv.api('GET', `/api/v1/meetings/${meeting}`, { token: t['ot.evans'] })).status, 403);
});

test('actions: due date and owner are checked; overdue ones reach the owner\'s work list', async () => {
  const base = { person_id: person, text: 'Arrange a falls assessment' };
  const early = await srv.api('POST', `/api/v1/meetings/${meeting}/actions`, { token: t['rn.patel'],
    body: { ...base, owner_user_id: uid('sw.jones'), due_on: day(-11) } });
  assert.equal(early.status, 422);
  assert.equal(early.json.errors[0].field, 'due_on');
  const stranger = await srv.api('POST', `/api/v1/meetings/${meeting}/actions`, { token: t['rn.patel'],
    body: { ...base, owner_user_id: uid('chc.lead'), due_on: day(-5) } });
  assert.equal(stranger.status, 422);
  assert.equal(stranger.json.errors[0].field, 'owner_user_id');
  const strangeTeam = await srv.api('POST', `/api/v1/meetings/${meeting}/actions`, { token: t['rn.patel'],
    body: { ...base, owner_team_id: sql(srv.db, "SELECT id FROM teams WHERE code = 'CHC'"), due_on: day(-5) } });
  assert.equal(strangeTeam.json.errors[0].field, 'owner_team_id');
  const notOnAgenda = await srv.api('POST', `/api/v1/meetings/${meeting}/actions`, { token: t['rn.patel'],
    body: { ...base, person_id: 'nobody', owner_user_id: uid('sw.jones'), due_on: day(-5) } });
  assert.equal(notOnAgenda.json.errors[0].field, 'person_id');
  assert.equal(sql(srv.db, 'SELECT count(*) FROM actions'), '0');

  const a = await srv.api('POST', `/api/v1/meetings/${meeting}/actions`, { token: t['rn.patel'],
    body: { ...base, owner_user_id: uid('sw.jones'), due_on: day(-5) } });
  assert.equal(a.status, 201, a.text);
  const teamAction = await srv.api('POST', `/api/v1/meetings/${meeting}/actions`, { token: t['rn.patel'],
    body: { ...base, text: 'Review medicines', owner_team_id: sql(srv.db, "SELECT id FROM teams WHERE code = 'ILT-NORTH'"),
            due_on: day(30) } });
  assert.equal(teamAction.status, 201, teamAction.text);
  const list = await srv.api('GET', '/api/v1/me/actions', { token: t['sw.jones'] });
  assert.equal(list.status, 200);
  const byText = Object.fromEntries(list.json.items.map((i) => [i.text, i]));
  assert.equal(byText['Arrange a falls assessment'].overdue, true);
  assert.equal(byText['Review medicines'].overdue, false);
  assert.equal((await srv.api('POST', `/api/v1/actions/${a.json.id}/done`, { token: t['rn.patel'] })).status, 403);
  assert.equal((await srv.api('POST', `/api/v1/actions/${a.json.id}/done`, { token: t['sw.jones'] })).status, 200);
  assert.equal((await srv.api('POST', `/api/v1/actions/${a.json.id}/done`, { token: t['sw.jones'] })).status, 409);
  const after = await srv.api('GET', '/api/v1/me/actions', { token: t['sw.jones'] });
  assert.ok(!after.json.items.some((i) => i.id === a.json.id));
});

test('no consensus escalates to a shared care discussion; its decision reaches the board without identifiers', async () => {
  const agreed = await srv.api('POST', `/api/v1/meetings/${meeting}/decisions`, { token: t['rn.patel'],
    body: { person_id: person2, text: 'Continue current plan', consensus: true } });
  assert.equal(agreed.status, 201, agreed.text);
  assert.equal(agreed.json.escalate, undefined);
  const noCons = await srv.api('POST', `/api/v1/meetings/${meeting}/decisions`, { token: t['rn.patel'],
    body: { person_id: person, text: 'Nursing home placement or more care at home', consensus: false } });
  assert.equal(noCons.status, 201, noCons.text);
  assert.match(noCons.json.escalate, /shared-care-discussion$/);
  const bad = await srv.api('POST', `/api/v1/meetings/${meeting}/decisions`, { token: t['rn.patel'],
    body: { person_id: person, text: '' } });
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['consensus', 'text']);

  const wrong = await srv.api('POST', `/api/v1/decisions/${agreed.json.id}/shared-care-discussion`, { token: t['rn.patel'],
    body: { question: 'x', participant_ids: [uid('chc.lead')] } });
  assert.equal(wrong.status, 409);
  assert.equal((await srv.api('GET', `/api/v1/persons/${person}`, { token: t['chc.lead'] })).status, 403);
  const open = await srv.api('POST', `/api/v1/decisions/${noCons.json.id}/shared-care-discussion`, { token: t['rn.patel'],
    body: { question: 'Where should Mo live safely?', participant_ids: [uid('chc.lead'), uid('sw.jones')] } });
  assert.equal(open.status, 201, open.text);
  assert.equal(open.json.status, 'open');
  const twice = await srv.api('POST', `/api/v1/decisions/${noCons.json.id}/shared-care-discussion`, { token: t['rn.patel'],
    body: { question: 'again', participant_ids: [uid('chc.lead')] } });
  assert.equal(twice.status, 409);
  // A participant now has a relationship and can decide.
  assert.equal((await srv.api('GET', `/api/v1/persons/${person}`, { token: t['chc.lead'] })).status, 200);
  const noOutcome = await srv.api('POST', `/api/v1/shared-care-discussions/${open.json.id}/decision`, { token: t['chc.lead'],
    body: { decision: 'Trial of enhanced home care for 6 weeks, then review' } });
  assert.equal(noOutcome.status, 422, 'the board outcome is required');
  assert.deepEqual(noOutcome.json.errors.map((e) => e.field), ['outcome']);
  const decided = await srv.api('POST', `/api/v1/shared-care-discussions/${open.json.id}/decision`, { token: t['chc.lead'],
    body: { decision: 'Trial of enhanced home care for 6 weeks, then review', outcome: 'support_at_home_increased' } });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.status, 'decided');
  const report = await srv.api('GET', '/api/v1/reports/shared-care-decisions', { token: t.board });
  assert.equal(report.status, 200, report.text);
  // Board reports carry coded and counted data only (issue #14 item 2):
  // never the question or decision text, and a count under 5 suppressed.
  assert.equal(report.json.items.length, 1);
  assert.equal(report.json.items[0].outcome, 'support_at_home_increased');
  assert.equal(report.json.items[0].discussions, null);
  assert.equal(report.json.items[0].suppressed, true);
  assert.equal(report.json.total, null);
  assert.doesNotMatch(report.text, /Agenda|person_id|nhs_number|1939|Mo live|enhanced home care|question|decision_text/);
  assert.equal((await srv.api('GET', '/api/v1/reports/shared-care-decisions', { token: t['sw.jones'] })).status, 403);
});

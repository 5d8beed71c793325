// The single referral point end-to-end: triage to each route, response
// standards and breaches in the team queues, decline and return to the
// front door, acceptance onto the caseload (and so the relationship),
// trusted assessors, and bad input naming the field with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, nowMs } from './harness.mjs';

let srv, t, northGp;
const users = ['dr.rivers', 'fd.ali', 'sw.jones', 'rn.patel', 'ot.evans', 'idt.nurse', 'chc.lead', 'crs.nurse', 'admin'];

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of users) t[u] = srv.token(u);
  northGp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
});
after(async () => { await srv.stop(); srv.cleanup(); });

let n = 0;
async function person(extra = {}) {
  n++;
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Referred${n}`, given_name: 'Pat', date_of_birth: '1941-05-0' + (n % 9 + 1), sex: 'female',
    postcode: 'LE11 3AB', gp_practice_id: northGp, ...extra } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

function refer(token, body) {
  return srv.api('POST', '/api/v1/referrals', { token, body: {
    source: 'gp', reason: 'Falls at home, struggling with stairs', urgency: 'urgent', consent: 'given',
    referrer: { name: 'Dr Ren Rivers', phone: '0116 496 0000', organisation: 'Riverside Surgery' }, ...body } });
}

const teamOf = (code) => sql(srv.db, `SELECT id FROM teams WHERE code = '${code}'`);
const countRows = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));

test('triage sends a referral to each route; signposting closes it as first-contact resolution', async () => {
  const cases = [
    ['crisis_response', 'CRS'], ['reablement', 'HART'], ['neighbourhood', 'INT-NORTH'],
    ['social_care_assessment', 'ILT-NORTH'], ['chc', 'CHC'],
  ];
  for (const [route, team] of cases) {
    const pid = await person();
    const r = await refer(t['dr.rivers'], { person_id: pid });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'received');
    assert.equal(r.json.team_code, 'FRONT-DOOR');
    assert.equal(r.json.family_name, undefined, 'the referrer gets no personal data back');
    const tr = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route } });
    assert.equal(tr.status, 200, `${route}: ${tr.text}`);
    assert.equal(tr.json.status, 'triaged');
    assert.equal(tr.json.route, route);
    assert.equal(sql(srv.db, `SELECT t.code FROM referrals r JOIN teams t ON t.id = r.team_id WHERE r.id = '${r.json.id}'`), team);
  }
  const pid = await person();
  const r = await refer(t['dr.rivers'], { person_id: pid, source: 'family', referrer: { name: 'A daughter' } });
  const tr = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'],
    body: { route: 'signposting', note: 'Given carers centre details' } });
  assert.equal(tr.status, 200, tr.text);
  assert.equal(tr.json.status, 'closed');
  assert.equal(tr.json.outcome, 'first_contact_resolution');
  assert.ok(tr.json.responded_at);
});

test('bad input names the field and stores nothing', async () => {
  const pid = await person();
  const before = countRows('referrals');
  const bad = await srv.api('POST', '/api/v1/referrals', { token: t['dr.rivers'], body: {
    person_id: 'no-such-person', source: 'fax', reason: '', urgency: 'soon', consent: 'maybe',
    received_at: '2999-01-01T00:00:00Z' } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(),
                   ['consent', 'person_id', 'reason', 'received_at', 'referrer.name', 'source', 'urgency']);
  const noName = await refer(t['dr.rivers'], { person_id: pid, referrer: {} });
  assert.equal(noName.status, 422);
  assert.equal(noName.json.errors[0].field, 'referrer.name');
  assert.equal(countRows('referrals'), before);

  const r = await refer(t['dr.rivers'], { person_id: pid });
  const route = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route: 'podiatry' } });
  assert.equal(route.status, 422);
  assert.equal(route.json.errors[0].field, 'route');
  const team = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'],
    body: { route: 'reablement', team_id: teamOf('CHC') } });
  assert.equal(team.status, 422);
  assert.equal(team.json.errors[0].field, 'team_id');
  assert.equal(sql(srv.db, `SELECT status FROM referrals WHERE id = '${r.json.id}'`), 'received');
  // A person with no GP practice has no locality: the neighbourhood route needs a team.
  const nowhere = await person({ gp_practice_id: undefined });
  const r2 = await refer(t['dr.rivers'], { person_id: nowhere });
  const loc = await srv.api('POST', `/api/v1/referrals/${r2.json.id}/triage`, { token: t['fd.ali'], body: { route: 'neighbourhood' } });
  assert.equal(loc.status, 422);
  assert.equal(loc.json.errors[0].field, 'route');
  const ok = await srv.api('POST', `/api/v1/referrals/${r2.json.id}/triage`, { token: t['fd.ali'],
    body: { route: 'neighbourhood', team_id: teamOf('INT-SOUTH') } });
  assert.equal(ok.status, 200, ok.text);
});

test('only the holding team acts, in order; stale versions are refused', async () => {
  const pid = await person();
  const r = await refer(t['dr.rivers'], { person_id: pid });
  const notMine = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['sw.jones'], body: { route: 'chc' } });
  assert.equal(notMine.status, 403);
  assert.match(notMine.json.type, /not-your-team$/);
  const early = await srv.api('POST', `/api/v1/referrals/${r.json.id}/accept`, { token: t['fd.ali'], body: {} });
  assert.equal(early.status, 409);
  const stale = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'],
    body: { route: 'chc', version: 7 } });
  assert.equal(stale.status, 409);
  assert.equal(sql(srv.db, `SELECT status FROM referrals WHERE id = '${r.json.id}'`), 'received');
});

test('the queue orders by due time and shows due-soon and breached; each listed person is audited', async () => {
  const iso = (msAgo) => new Date(nowMs() - msAgo).toISOString();
  const crs = teamOf('CRS');
  const made = {};
  for (const [label, ago] of [['breached', 3 * 3600e3], ['due_soon', 100 * 60e3], ['on_time', 10 * 60e3]]) {
    const pid = await person();
    const r = await refer(t['dr.rivers'], { person_id: pid, urgency: 'crisis', received_at: iso(ago) });
    assert.equal(r.status, 201, r.text);
    made[label] = r.json.id;
    const tr = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route: 'crisis_response' } });
    assert.equal(tr.status, 200, tr.text);
  }
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'referral'"));
  const q = await srv.api('GET', `/api/v1/teams/${crs}/queue`, { token: t['crs.nurse'] });
  assert.equal(q.status, 200, q.text);
  const mine = q.json.items.filter((i) => Object.values(made).includes(i.id));
  assert.deepEqual(mine.map((i) => i.queue_state), ['breached', 'due_soon', 'on_time']);
  const dues = q.json.items.map((i) => i.due_at);
  assert.deepEqual(dues, [...dues].sort());
  const after = Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'referral'"));
  assert.equal(after - before, q.json.items.length);
  const other = await srv.api('GET', `/api/v1/teams/${crs}/queue`, { token: t['sw.jones'] });
  assert.equal(other.status, 403);
});

test('declining needs a reason and returns the referral to the front door', async () => {
  const pid = await person();
  const r = await refer(t['dr.rivers'], { person_id: pid });
  await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route: 'reablement' } });
  const noReason = await srv.api('POST', `/api/v1/referrals/${r.json.id}/decline`, { token: t['ot.evans'], body: {} });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.json.errors[0].field, 'reason');
  const d = await srv.api('POST', `/api/v1/referrals/${r.json.id}/decline`, { token: t['ot.evans'],
    body: { reason: 'Needs nursing care, not reablement' } });
  assert.equal(d.status, 200, d.text);
  const back = await srv.api('GET', `/api/v1/referrals/${r.json.id}`, { token: t['fd.ali'] });
  assert.equal(back.status, 200);
  assert.equal(back.json.status, 'received');
  assert.equal(back.json.returned, true);
  assert.equal(back.json.team_code, 'FRONT-DOOR');
  assert.deepEqual(back.json.history.map((e) => e.kind), ['received', 'triaged', 'declined']);
  assert.equal(back.json.history[2].detail, 'Needs nursing care, not reablement');
  const fq = await srv.api('GET', `/api/v1/teams/${teamOf('FRONT-DOOR')}/queue`, { token: t['fd.ali'] });
  assert.ok(fq.json.items.some((i) => i.id === r.json.id && i.returned === true));
});

test('accepting puts the person on the caseload; a trusted assessor skips re-assessment', async () => {
  const pid = await person();
  const before = await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['rn.patel'] });
  assert.equal(before.status, 403);
  const r = await refer(t['dr.rivers'], { person_id: pid });
  await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route: 'neighbourhood' } });
  // Holding the triaged referral is already a legitimate relationship for the team.
  assert.equal((await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['rn.patel'] })).status, 200);
  const a = await srv.api('POST', `/api/v1/referrals/${r.json.id}/accept`, { token: t['rn.patel'], body: {} });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.status, 'accepted');
  assert.equal(a.json.reassessment, 'required');
  const p = await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['rn.patel'] });
  assert.ok(p.json.caseloads.some((c) => c.team_code === 'INT-NORTH'));
  // The hospital discharge nurse is a trusted assessor for reablement.
  const r2 = await refer(t['idt.nurse'], { person_id: pid, source: 'ward', referrer: { name: 'Dana Ward' } });
  await srv.api('POST', `/api/v1/referrals/${r2.json.id}/triage`, { token: t['fd.ali'], body: { route: 'reablement' } });
  const a2 = await srv.api('POST', `/api/v1/referrals/${r2.json.id}/accept`, { token: t['ot.evans'], body: {} });
  assert.equal(a2.status, 200, a2.text);
  assert.equal(a2.json.reassessment, 'skipped_trusted_assessor');
  // The referrer holds no relationship: the referral is not theirs to read.
  assert.equal((await srv.api('GET', `/api/v1/referrals/${r2.json.id}`, { token: t['dr.rivers'] })).status, 403);
});

test('a referral can register a new person at the same time', async () => {
  const r = await refer(t['fd.ali'], { source: 'self', referrer: undefined,
    person: { family_name: 'Newcomer', given_name: 'Nia', date_of_birth: '1950-01-01', sex: 'female', postcode: 'LE2 1AA' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(sql(srv.db, `SELECT family_name FROM persons WHERE id = '${r.json.person_id}'`), 'Newcomer');
  const bad = await refer(t['fd.ali'], { source: 'self', reason: '', person: { family_name: 'Nobody' } });
  assert.equal(bad.status, 422);
  assert.equal(sql(srv.db, "SELECT count(*) FROM persons WHERE family_name = 'Nobody'"), '0');
});

test('the board sees first-contact resolution and responses within the standard, as counts', async () => {
  const at = '2026-01-05T10:00:00Z';
  const ids = [];
  for (let i = 0; i < 4; i++) {
    const r = await refer(t['dr.rivers'], { person_id: await person(), received_at: at, urgency: 'routine' });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
  for (const id of ids.slice(0, 3))
    await srv.api('POST', `/api/v1/referrals/${id}/triage`, { token: t['fd.ali'], body: { route: 'signposting' } });
  await srv.api('POST', `/api/v1/referrals/${ids[3]}/triage`, { token: t['fd.ali'], body: { route: 'chc' } });
  const board = srv.token('board');
  const r = await srv.api('GET', '/api/v1/reports/referrals?from=2026-01-05&to=2026-01-05', { token: board });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.referrals, 4);
  assert.deepEqual(r.json.first_contact_resolution,
                   { numerator: 3, denominator: 4, percent: '75.0%', status: 'met', target: 'at least 70%' });
  // Answered months after a routine standard of 10 working days, or not at all: none in time.
  assert.equal(r.json.responses_within_standard.numerator, 0);
  assert.equal(r.json.responses_within_standard.denominator, 4);
  assert.equal(r.json.responses_within_standard.status, 'not_met');
  assert.doesNotMatch(r.text, /Referred\d|person_id/);
  const bad = await srv.api('GET', '/api/v1/reports/referrals?from=2026-02-01&to=2026-01-01&target=101', { token: board });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['target', 'to']);
  assert.equal((await srv.api('GET', '/api/v1/reports/referrals', { token: t['fd.ali'] })).status, 403);
});

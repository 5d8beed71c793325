// A transfer of care follows its referral (issue 16 item 5): when the
// front door sends the linked referral to a team, the receiving team
// accepts or declines it, or the front door reroutes it, the transfer's
// status and owner change with it in the same transaction, and the
// discharge board and the stay say so. An assessment attached to the
// transfer by a trusted assessor of the receiving service is accepted
// without a repeat; one by anyone else is not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, cli, nowMs, TODAY, addDays } from './harness.mjs';

let srv, t, stay, person;
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const teamId = (code) => sql(srv.db, `SELECT id FROM teams WHERE code = '${code}'`);
const userId = (name) => sql(srv.db, `SELECT id FROM users WHERE username = '${name}'`);
const transferRow = (id) => sql(srv.db, `SELECT t.status || '|' || tm.code FROM stay_transfers t`
                                        + ` JOIN teams tm ON tm.id = t.team_id WHERE t.id = '${id}'`);
const receiving = (code) => sql(srv.db, `SELECT CASE WHEN ended_at IS NULL THEN 'current' ELSE 'ended' END`
                                        + ` FROM stay_teams WHERE stay_id = '${stay}' AND team_id = '${teamId(code)}'`
                                        + ` AND part = 'receiving'`);
const act = (ref, verb, who, body = {}) => srv.api('POST', `/api/v1/referrals/${ref}/${verb}`, { token: t[who], body });
const transfer = (body) => srv.api('POST', `/api/v1/hospital-stays/${stay}/transfers`, { token: t['idt.coord'],
  body: { kind: 'reablement', reason: 'Needs help to wash and dress for a few weeks', consent: 'given', ...body } });
const boardRow = async () => (await srv.api('GET', '/api/v1/discharge/board?hospital=SHT&show=all',
  { token: t['idt.nurse'] })).json.items.find((i) => i.id === stay);

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sht.pas', 'sht.admin', 'idt.nurse', 'fd.ali', 'ot.evans', 'rn.patel']) t[u] = srv.token(u);
  // A discharge coordinator in the IDT who is nobody's trusted assessor.
  const u = await srv.api('POST', '/api/v1/users', { token: t['sht.admin'], body: { username: 'idt.coord',
    display_name: 'Kit Coordinator', role: 'practitioner', profession: 'other', password: 'a-long-enough-password',
    teams: ['IDT'] } });
  assert.equal(u.status, 201, u.text);
  t['idt.coord'] = srv.token('idt.coord');
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const p = await srv.api('POST', '/api/v1/persons', { token: t['fd.ali'], body: {
    family_name: 'Follett', given_name: 'Iris', date_of_birth: '1936-03-09', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: '9434765870', gp_practice_id: gp } });
  assert.equal(p.status, 201, p.text);
  person = p.json.id;
  const ward = sql(srv.db, "SELECT w.code FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
                           + " JOIN teams tm ON tm.id = w.idt_team_id WHERE o.code = 'SHT' AND tm.code = 'IDT' LIMIT 1");
  const r = await srv.api('POST', '/api/v1/hospital-events', { token: t['sht.pas'], body: {
    event_id: 'F-1', event: 'admit', occurred_at: iso(-72), nhs_number: '9434765870', visit_number: 'SPELL-F1', ward } });
  assert.equal(r.status, 201, r.text);
  stay = r.json.stay_id;
  const pw = await srv.api('POST', `/api/v1/hospital-stays/${stay}/pathway`, { token: t['idt.nurse'],
    body: { pathway: 1, planned_destination: 'Home with support' } });
  assert.equal(pw.status, 200, pw.text);
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('an attached assessment is checked: findings, a date not in the future, an assessor on the stay', async () => {
  const cases = [
    [{ assessment: 'Independent with a frame', assessed_on: addDays(TODAY, 1) }, ['assessed_on']],
    [{ assessment: 'Independent with a frame' }, ['assessed_on']],
    [{ assessed_on: TODAY }, ['assessment']],
    [{ assessment: 'x'.repeat(4001), assessed_on: TODAY }, ['assessment']],
    [{ assessment: 'Independent with a frame', assessed_on: TODAY, assessed_by: userId('rn.patel') }, ['assessed_by']],
    [{ assessment: 'Independent with a frame', assessed_on: 'yesterday' }, ['assessed_on']],
  ];
  for (const [body, fields] of cases) {
    const r = await transfer(body);
    assert.equal(r.status, 422, r.text);
    assert.deepEqual(r.json.errors.map((e) => e.field), fields, JSON.stringify(body));
  }
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM stay_transfers'), '0');
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM referrals'), '0');
});

test('the transfer follows triage, decline, reroute and accept; the trusted assessment is not repeated', async () => {
  const r = await transfer({ assessment: 'Mobile with a frame; needs help with personal care for 2-3 weeks',
                             assessed_on: TODAY, assessed_by: userId('idt.nurse') });
  assert.equal(r.status, 201, r.text);
  const tr = r.json.stay.transfers[0];
  assert.equal(tr.assessed_by_name, 'Dana Ward');
  assert.equal(transferRow(tr.id), 'open|HART');
  const ref = tr.referral_id;

  // The front door sends it to the reablement team: open, owned by HART.
  let a = await act(ref, 'triage', 'fd.ali', { route: 'reablement' });
  assert.equal(a.status, 200, a.text);
  assert.equal(transferRow(tr.id), 'open|HART');
  let row = await boardRow();
  assert.equal(row.transfer_status, 'open');
  assert.equal(row.transfer_status_label, 'Waiting for the receiving team');

  // HART declines: back with the front door, and the board says so.
  a = await act(ref, 'decline', 'ot.evans', { reason: 'No capacity this week' });
  assert.equal(a.status, 200, a.text);
  assert.equal(transferRow(tr.id), 'declined|FRONT-DOOR');
  assert.equal(receiving('HART'), 'ended');
  row = await boardRow();
  assert.equal(row.transfer_status, 'declined');
  assert.equal(row.transfer_team, sql(srv.db, "SELECT name FROM teams WHERE code = 'FRONT-DOOR'"));
  const login = await srv.login('idt.nurse');
  const page = await (await fetch(srv.base + '/discharge?hospital=SHT&show=all',
    { headers: { Cookie: login.cookie } })).text();
  assert.match(page, /Declined: back with the front door/);

  // Sent on again, then rerouted to the neighbourhood team: the owner moves with it.
  a = await act(ref, 'triage', 'fd.ali', { route: 'reablement' });
  assert.equal(a.status, 200, a.text);
  assert.equal(transferRow(tr.id), 'open|HART');
  assert.equal(receiving('HART'), 'current');
  a = await act(ref, 'reroute', 'fd.ali', { route: 'neighbourhood' });
  assert.equal(a.status, 200, a.text);
  assert.equal(transferRow(tr.id), 'open|INT-NORTH');
  assert.equal(receiving('INT-NORTH'), 'current');
  assert.equal(receiving('HART'), 'ended');
  a = await act(ref, 'reroute', 'fd.ali', { route: 'reablement' });
  assert.equal(a.status, 200, a.text);
  assert.equal(receiving('INT-NORTH'), 'ended');

  // HART accepts: the transfer is accepted, and the trusted assessor's assessment stands.
  a = await act(ref, 'accept', 'ot.evans');
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.reassessment, 'skipped_trusted_assessor');
  assert.equal(transferRow(tr.id), 'accepted|HART');
  row = await boardRow();
  assert.equal(row.transfer_status_label, 'Accepted by the receiving team');
  const s = await srv.api('GET', `/api/v1/hospital-stays/${stay}`, { token: t['idt.nurse'] });
  const mine = s.json.transfers.find((x) => x.id === tr.id);
  assert.equal(mine.status, 'accepted');
  assert.equal(mine.trusted_assessment, true);
  // Each move of the transfer is audited with the referral's.
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE resource_type = 'stay_transfer'`
                           + ` AND resource_id = '${tr.id}' AND action = 'update'`), '6');
});

test('an assessment by someone the receiving service does not trust is repeated', async () => {
  const r = await transfer({ assessment: 'Needs a walking frame', assessed_on: addDays(TODAY, -1) });
  assert.equal(r.status, 201, r.text);
  const tr = r.json.stay.transfers[0];
  assert.equal(tr.assessed_by_name, 'Kit Coordinator');
  assert.equal((await act(tr.referral_id, 'triage', 'fd.ali', { route: 'reablement' })).status, 200);
  const a = await act(tr.referral_id, 'accept', 'ot.evans');
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.reassessment, 'required');
  assert.equal(transferRow(tr.id), 'accepted|HART');
});

test('signposting closes the transfer; a referral that is no transfer moves on as before', async () => {
  const r = await transfer({});
  assert.equal(r.status, 201, r.text);
  const tr = r.json.stay.transfers[0];
  assert.equal((await act(tr.referral_id, 'triage', 'fd.ali', { route: 'signposting' })).status, 200);
  assert.equal(transferRow(tr.id), 'closed|FRONT-DOOR');
  // Someone not in the team holding the referral changes nothing.
  const r2 = await transfer({});
  const tr2 = r2.json.stay.transfers[0];
  await act(tr2.referral_id, 'triage', 'fd.ali', { route: 'reablement' });
  const no = await act(tr2.referral_id, 'decline', 'rn.patel', { reason: 'Not ours' });
  assert.equal(no.status, 403, no.text);
  assert.match(no.json.type, /not-your-team$/);
  assert.equal(transferRow(tr2.id), 'open|HART');
});

// An attached assessment stands only while it is recent: 7 days by default
// (domain/referral.h referral_assessment_current; serve
// --trusted-assessment-days). Older when raised: 422 naming assessed_on,
// nothing stored; on the last day it stands, the trusted assessor's
// assessment is accepted without a repeat.
test('an assessment older than the limit is refused; one on the limit is accepted without a repeat', async () => {
  const before = sql(srv.db, 'SELECT COUNT(*) FROM referrals');
  const old = await transfer({ assessment: 'Mobile with a frame', assessed_on: addDays(TODAY, -8),
                               assessed_by: userId('idt.nurse') });
  assert.equal(old.status, 422, old.text);
  assert.deepEqual(old.json.errors.map((e) => e.field), ['assessed_on']);
  assert.match(old.json.errors[0].message, /8 days ago.*last 7 days/);
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM referrals'), before);

  const r = await transfer({ assessment: 'Mobile with a frame', assessed_on: addDays(TODAY, -7),
                             assessed_by: userId('idt.nurse') });
  assert.equal(r.status, 201, r.text);
  const tr = r.json.stay.transfers[0];
  assert.equal((await act(tr.referral_id, 'triage', 'fd.ali', { route: 'reablement' })).status, 200);
  const a = await act(tr.referral_id, 'accept', 'ot.evans');
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.reassessment, 'skipped_trusted_assessor');
});

// The limit applies again when the receiving team accepts: an assessment
// that grew too old while the referral waited is repeated. The server comes
// back with a 2-day limit on the same database (the last test: the server
// it leaves is the one after() stops).
test('an assessment that grew too old while the referral waited is repeated', async () => {
  const r = await transfer({ assessment: 'Mobile with a frame', assessed_on: addDays(TODAY, -3),
                             assessed_by: userId('idt.nurse') });
  assert.equal(r.status, 201, r.text);
  const tr = r.json.stay.transfers[0];
  assert.equal((await act(tr.referral_id, 'triage', 'fd.ali', { route: 'reablement' })).status, 200);
  await srv.stop();
  srv = await startServer({ db: srv.db, dir: srv.dir, args: ['--trusted-assessment-days', '2'] });
  const a = await act(tr.referral_id, 'accept', 'ot.evans');
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.reassessment, 'required');
  const s = await srv.api('GET', `/api/v1/hospital-stays/${stay}`, { token: t['idt.nurse'] });
  assert.equal(s.json.transfers.find((x) => x.id === tr.id).trusted_assessment, false);
  // A limit outside 1–90 days does not start.
  const bad = cli(['serve', '--db', srv.db, '--listen', '127.0.0.1:0', '--trusted-assessment-days', '91']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--trusted-assessment-days must be 1–90/);
});

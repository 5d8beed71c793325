// Issue #14 item 15: a referral triaged to a team nobody staffs must not be
// lost. The front door keeps sight of what it triaged until it is accepted
// (a list on its queue page and API, and the record stays open to it), may
// take a stuck referral back and send it on; a referral past its standard
// and still not accepted is escalated to the receiving team's managers (on
// their home page); and the demo staffs all three localities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, nowMs } from './harness.mjs';

let srv, t, fd, emptyTeam;
const users = ['dr.rivers', 'fd.ali', 'sw.jones', 'rn.patel', 'int.mgr', 'tm.khan', 'admin'];
const teamOf = (code) => sql(srv.db, `SELECT id FROM teams WHERE code = '${code}'`);

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of users) t[u] = srv.token(u);
  fd = teamOf('FRONT-DOOR');
  // A team that receives social care assessments but that nobody staffs.
  const team = await srv.api('POST', '/api/v1/teams', { token: t.admin, body: { code: 'ILT-EAST', name: 'East locality social work team' } });
  assert.equal(team.status, 201, team.text);
  emptyTeam = team.json.id;
  sql(srv.db, `INSERT INTO referral_routes (id, route, locality_id, team_id) VALUES ('route-east', 'social_care_assessment', NULL, '${emptyTeam}')`);
});
after(async () => { await srv.stop(); srv.cleanup(); });

let n = 0;
async function person(extra = {}) {
  n++;
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Waiting${n}`, given_name: 'Wyn', date_of_birth: '1938-03-0' + (n % 9 + 1), sex: 'male',
    postcode: 'LE11 3AB', gp_practice_id: sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'"), ...extra } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// A crisis referral received three hours ago is past its 2-hour standard.
async function refer(pid, { urgency = 'crisis', hoursAgo = 3 } = {}) {
  const r = await srv.api('POST', '/api/v1/referrals', { token: t['dr.rivers'], body: {
    person_id: pid, source: 'gp', reason: 'Carer in hospital, cannot manage alone', urgency, consent: 'given',
    received_at: new Date(nowMs() - hoursAgo * 3600e3).toISOString(), referrer: { name: 'Dr Ren Rivers' } } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}
const awaiting = (token) => srv.api('GET', `/api/v1/teams/${fd}/awaiting-acceptance`, { token });
const escalated = (token) => srv.api('GET', '/api/v1/my/escalated-referrals', { token });
const reads = () => Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'referral'"));

test('the front door keeps sight of a referral sent to a team nobody staffs, and sends it on', async () => {
  const p = await person();
  const id = await refer(p.id);
  const tr = await srv.api('POST', `/api/v1/referrals/${id}/triage`, { token: t['fd.ali'],
    body: { route: 'social_care_assessment', team_id: emptyTeam } });
  assert.equal(tr.status, 200, tr.text);

  // The front door's list: who it waits with, that nobody works there, past its standard.
  const before = reads();
  const list = await awaiting(t['fd.ali']);
  assert.equal(list.status, 200, list.text);
  const it = list.json.items.find((i) => i.id === id);
  assert.ok(it, 'the triaged referral is on the front door list');
  assert.equal(it.person_name, `Wyn ${p.family_name}`);
  assert.match(it.nhs_number_formatted ?? '', /^(\d{3} \d{3} \d{4})?$/);
  assert.equal(it.team_name, 'East locality social work team');
  assert.equal(it.unstaffed, true);
  assert.equal(it.no_manager, true);
  assert.equal(it.escalated, true);
  assert.equal(reads() - before, list.json.items.length, 'each referral listed is audited as read');
  // Only the front door's members see its list.
  assert.equal((await awaiting(t['sw.jones'])).status, 403);
  // The record stays open to the front door while the referral waits.
  assert.equal((await srv.api('GET', `/api/v1/referrals/${id}`, { token: t['fd.ali'] })).status, 200);

  // Sending it on: not to the team it already waits with, not by the receiving side.
  const same = await srv.api('POST', `/api/v1/referrals/${id}/reroute`, { token: t['fd.ali'],
    body: { route: 'social_care_assessment', team_id: emptyTeam } });
  assert.equal(same.status, 422, same.text);
  assert.equal(same.json.errors[0].field, 'team_id');
  const notFd = await srv.api('POST', `/api/v1/referrals/${id}/reroute`, { token: t['rn.patel'], body: { route: 'neighbourhood' } });
  assert.equal(notFd.status, 403);
  const on = await srv.api('POST', `/api/v1/referrals/${id}/reroute`, { token: t['fd.ali'],
    body: { route: 'neighbourhood', note: 'Nobody in the east team yet' } });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.json.status, 'triaged');
  assert.equal(on.json.team_code, 'INT-NORTH');
  const again = await srv.api('GET', `/api/v1/referrals/${id}`, { token: t['fd.ali'] });
  assert.deepEqual(again.json.history.map((e) => e.kind), ['received', 'triaged', 'rerouted']);
  assert.equal(again.json.history[2].detail, 'Nobody in the east team yet');
  const still = (await awaiting(t['fd.ali'])).json.items.find((i) => i.id === id);
  assert.equal(still.team_name, 'North integrated neighbourhood team');
  assert.equal(still.unstaffed, false);
  assert.equal(still.no_manager, false);
  // Nothing to reroute once a referral is back at the front door or accepted.
  const fresh = await refer(p.id, { urgency: 'routine', hoursAgo: 0 });
  const early = await srv.api('POST', `/api/v1/referrals/${fresh}/reroute`, { token: t['fd.ali'], body: { route: 'chc' } });
  assert.equal(early.status, 409);
});

test('a referral past its standard is escalated to the receiving team\'s manager until accepted', async () => {
  const p = await person();
  const late = await refer(p.id);
  const onTime = await refer(p.id, { urgency: 'routine', hoursAgo: 0 });
  for (const id of [late, onTime]) {
    const tr = await srv.api('POST', `/api/v1/referrals/${id}/triage`, { token: t['fd.ali'], body: { route: 'neighbourhood' } });
    assert.equal(tr.status, 200, tr.text);
  }
  const mgr = await escalated(t['int.mgr']);
  assert.equal(mgr.status, 200, mgr.text);
  const ids = mgr.json.items.map((i) => i.id);
  assert.ok(ids.includes(late), 'the late referral reaches the manager of the team it waits with');
  assert.ok(!ids.includes(onTime), 'one within its standard does not');
  const item = mgr.json.items.find((i) => i.id === late);
  assert.equal(item.person_name, `Wyn ${p.family_name}`);
  assert.equal(item.team_name, 'North integrated neighbourhood team');
  // Another team's manager does not get it; a practitioner has no escalation list.
  assert.ok(!(await escalated(t['tm.khan'])).json.items.some((i) => i.id === late));
  assert.equal((await escalated(t['rn.patel'])).status, 403);

  // On the manager's home page, by name with a link.
  const login = await srv.login('int.mgr');
  const html = await (await fetch(srv.base + '/', { headers: { Cookie: login.cookie } })).text();
  assert.match(html, /Referrals past their response standard/);
  assert.ok(html.includes(`href="/referrals/${late}"`));
  assert.ok(html.includes(`Wyn ${p.family_name}`));

  // Accepted: off both lists, and the front door's sight of the record ends.
  const a = await srv.api('POST', `/api/v1/referrals/${late}/accept`, { token: t['rn.patel'], body: {} });
  assert.equal(a.status, 200, a.text);
  assert.ok(!(await escalated(t['int.mgr'])).json.items.some((i) => i.id === late));
  assert.ok(!(await awaiting(t['fd.ali'])).json.items.some((i) => i.id === late));
  assert.ok((await awaiting(t['fd.ali'])).json.items.some((i) => i.id === onTime));
  await srv.api('POST', `/api/v1/referrals/${onTime}/accept`, { token: t['rn.patel'], body: {} });
  assert.equal((await srv.api('GET', `/api/v1/referrals/${late}`, { token: t['fd.ali'] })).status, 403);
});

test('the front door queue page lists what it triaged; the referral page offers to send it on', async () => {
  const p = await person({ nhs_number: '9434765919' });
  const waiting = await refer(p.id, { urgency: 'routine', hoursAgo: 0 });
  const id = await refer(p.id);
  await srv.api('POST', `/api/v1/referrals/${id}/triage`, { token: t['fd.ali'],
    body: { route: 'social_care_assessment', team_id: emptyTeam } });
  const login = await srv.login('fd.ali');
  const get = async (path) => (await fetch(srv.base + path, { headers: { Cookie: login.cookie } })).text();
  const queue = await get(`/teams/${fd}/queue`);
  assert.match(queue, /Triaged by this team, not yet accepted/);
  assert.ok(queue.includes(`href="/referrals/${id}"`));
  assert.match(queue, /Nobody works in this team/);
  // Both lists say whose referral it is: name and NHS number (issue #14 item 10).
  const [open, triaged] = queue.split('id="waiting"');
  assert.ok(open.includes(`href="/referrals/${waiting}"`) && /NHS number 943 476 5919/.test(open));
  assert.match(triaged, /Wyn Waiting\d+<\/a><br><span class="nhsuk-body-s">NHS number 943 476 5919/);
  const page = await get(`/referrals/${id}`);
  assert.match(page, /action="\/referrals\/[^"]+\/reroute"/);
  assert.doesNotMatch(page, /Accept onto our caseload/, 'the front door cannot accept for the other team');
  assert.match(page, /seamless-person-banner/);
});

test('the demo staffs every locality team, each with a manager', () => {
  const rows = sql(srv.db, "SELECT t.code || ':' || (SELECT count(*) FROM user_teams ut JOIN users u ON u.id = ut.user_id"
    + " WHERE ut.team_id = t.id AND u.active = 1) || ':' || (SELECT count(*) FROM user_teams ut JOIN users u"
    + " ON u.id = ut.user_id WHERE ut.team_id = t.id AND u.active = 1 AND u.role = 'team_manager')"
    + " FROM teams t WHERE t.code LIKE 'ILT-%' OR t.code LIKE 'INT-%' ORDER BY t.code").split('\n').filter(Boolean);
  const demo = rows.filter((r) => !r.startsWith('ILT-EAST'));
  assert.equal(demo.length, 6);
  for (const r of demo) {
    const [code, staff, managers] = r.split(':');
    assert.ok(Number(staff) >= 2, `${code} has staff`);
    assert.ok(Number(managers) >= 1, `${code} has a manager`);
  }
});

// FHIR CareTeam through a real FHIR client (fhir-kit-client): teams (their
// members, for any member of staff, from the audited staff directory) and
// caseloads (a person on a team's caseload, through the person's access
// check and audit); each resource valid R4 (fhir_schema.mjs); a referral's
// performer leads to the team.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'fhir-kit-client';
import { startServer, sql } from './harness.mjs';
import { valid, refused, registerPerson } from './fhir_schema.mjs';

let srv, person;
const client = (user) => new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: srv.token(user) });
const team = (code) => sql(srv.db, `SELECT id FROM teams WHERE code = '${code}'`);
const user = (name) => sql(srv.db, `SELECT id FROM users WHERE username = '${name}'`);
const audits = (where) => Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE ${where}`));

before(async () => {
  srv = await startServer();
  person = await registerPerson(srv);
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('a team is a CareTeam: its name, organisation and active members; read by any member of staff, audited', async () => {
  const c = client('rn.patel');
  const before_ = audits("action = 'read' AND resource_type = 'staff_directory'");
  const ct = valid(await c.read({ resourceType: 'CareTeam', id: team('ILT-NORTH') }));
  assert.equal(ct.category[0].text, 'team');
  assert.match(ct.name, /North/);
  assert.equal(ct.managingOrganization[0].reference, `Organization/${sql(srv.db, `SELECT org_id FROM teams WHERE code = 'ILT-NORTH'`)}`);
  const members = ct.participant.map((p) => p.member.reference);
  assert.ok(members.includes(`Practitioner/${user('sw.jones')}`) && members.includes(`Practitioner/${user('tm.khan')}`));
  assert.ok(!members.includes(`Practitioner/${user('rn.patel')}`));
  assert.equal(ct.participant.find((p) => p.member.reference === `Practitioner/${user('sw.jones')}`).role[0].text, 'Social worker');
  assert.ok(!JSON.stringify(ct).match(/password|token/i), 'no secrets');
  assert.equal(audits("action = 'read' AND resource_type = 'staff_directory'"), before_ + 1, 'the directory read is audited');
  // The team's members are Practitioners the client can follow.
  const pr = valid(await c.read({ resourceType: 'Practitioner', id: user('sw.jones') }));
  assert.equal(pr.name[0].text, 'Sam Jones');
  assert.equal((await refused(c.read({ resourceType: 'CareTeam', id: 'nope' }))).status, 404);
});

test('search the teams: all of them paged, or a member\'s', async () => {
  const c = client('sw.jones');
  const n = Number(sql(srv.db, 'SELECT count(*) FROM teams'));
  const all = valid(await c.search({ resourceType: 'CareTeam', searchParams: { _count: 100 } }));
  assert.equal(all.total, n);
  const page = valid(await c.search({ resourceType: 'CareTeam', searchParams: { _count: 2 } }));
  assert.equal(page.entry.length, 2);
  assert.ok(page.link.some((l) => l.relation === 'next'));
  const mine = valid(await c.search({ resourceType: 'CareTeam', searchParams: { participant: `Practitioner/${user('int.mgr')}` } }));
  assert.deepEqual(mine.entry.map((e) => e.resource.id).sort(),
    ['INT-NORTH', 'INT-SOUTH', 'INT-CITY', 'CRS', 'HART'].map(team).sort());
  assert.equal((await refused(c.search({ resourceType: 'CareTeam', searchParams: { participant: 'Organization/x' } }))).status, 400);
  assert.equal((await refused(c.search({ resourceType: 'CareTeam', searchParams: { name: 'x' } }))).status, 400);
});

test('a caseload is a CareTeam about the person: read and searched through the access check, audited', async () => {
  const c = client('sw.jones');
  const reads = () => audits(`action = 'read' AND person_id = '${person}'`);
  let before_ = reads();
  const b = valid(await c.search({ resourceType: 'CareTeam', searchParams: { patient: `Patient/${person}` } }));
  assert.equal(b.entry.length, 1);
  assert.equal(reads(), before_ + 1, 'the person read is audited');
  const ct = b.entry[0].resource;
  assert.equal(ct.category[0].text, 'caseload');
  assert.equal(ct.status, 'active');
  assert.equal(ct.subject.reference, `Patient/${person}`);
  assert.equal(ct.participant[0].member.reference, `CareTeam/${team('ILT-NORTH')}`);
  before_ = reads();
  assert.deepEqual(valid(await c.read({ resourceType: 'CareTeam', id: ct.id })), ct);
  assert.equal(reads(), before_ + 1);
  const gone = valid(await c.search({ resourceType: 'CareTeam', searchParams: { patient: person, status: 'inactive' } }));
  assert.equal(gone.entry.length, 0);
  assert.equal((await refused(c.search({ resourceType: 'CareTeam', searchParams: { patient: person, participant: `Practitioner/${user('sw.jones')}` } }))).status, 400);
  // No relationship: refused, and the refusal audited.
  const denied = () => audits(`action = 'read_denied' AND person_id = '${person}'`);
  const d = denied();
  const other = client('rn.patel');
  assert.equal((await refused(other.search({ resourceType: 'CareTeam', searchParams: { patient: person } }))).status, 403);
  assert.equal((await refused(other.read({ resourceType: 'CareTeam', id: ct.id }))).status, 403);
  assert.equal(denied(), d + 2);
});

test('a referral\'s performer is the team\'s CareTeam', async () => {
  const made = await srv.api('POST', '/api/v1/referrals', { token: srv.token('sw.jones'), body: { person_id: person,
    source: 'self', reason: 'Wants help at home', urgency: 'routine', consent: 'given' } });
  assert.equal(made.status, 201, made.text);
  const c = client('sw.jones');
  const sr = valid(await c.read({ resourceType: 'ServiceRequest', id: made.json.id }));
  const [, id] = sr.performer[0].reference.split('/');
  const ct = valid(await c.read({ resourceType: 'CareTeam', id }));
  assert.equal(ct.name, sr.performer[0].display);
});

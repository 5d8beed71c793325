// FHIR AuditEvent through a real FHIR client (fhir-kit-client): the audit
// log, read-only, for privacy officers only — through the audit viewer's
// service, so the same entries (their own organisation's), the same
// filters (person, user, day) and reading the log audited; every resource
// valid R4 (fhir_schema.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'fhir-kit-client';
import { startServer, sql, day } from './harness.mjs';
import { valid, refused, registerPerson } from './fhir_schema.mjs';

let srv, person;
const client = (user) => new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: srv.token(user) });
const user = (name) => sql(srv.db, `SELECT id FROM users WHERE username = '${name}'`);

before(async () => {
  srv = await startServer();
  person = await registerPerson(srv);
  await client('sw.jones').read({ resourceType: 'Patient', id: person });
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('a privacy officer searches the log by person: who did what, when, on what basis; reading the log is audited', async () => {
  const c = client('privacy');
  const logReads = () => Number(sql(srv.db, `SELECT count(*) FROM audit_log WHERE resource_type = 'audit_log' AND user_id = '${user('privacy')}'`));
  const before_ = logReads();
  const b = valid(await c.search({ resourceType: 'AuditEvent', searchParams: { patient: `Patient/${person}` } }));
  assert.equal(logReads(), before_ + 1, 'reading the log is itself audited');
  assert.ok(b.entry.length >= 2);
  const events = b.entry.map((e) => e.resource);
  const seqs = events.map((e) => Number(e.id));
  assert.deepEqual(seqs, [...seqs].sort((x, y) => y - x), 'newest first');
  const read = events.find((e) => e.subtype[0].code === 'read' && e.agent[0].who.reference === `Practitioner/${user('sw.jones')}`);
  assert.ok(read, JSON.stringify(events.map((e) => e.subtype[0].code)));
  assert.equal(read.action, 'R');
  assert.equal(read.outcome, '0');
  assert.equal(read.purposeOfEvent[0].coding[0].code, 'TREAT');
  const patient = read.entity.find((e) => e.what.reference === `Patient/${person}`);
  assert.equal(patient.what.display, 'Ruth Ashby');
  assert.equal(patient.role.code, '1');
  const made = events.find((e) => e.subtype[0].code === 'create');
  assert.equal(made.action, 'C');
  // Read one by id: the same event.
  assert.deepEqual(valid(await c.read({ resourceType: 'AuditEvent', id: read.id })), read);
  // The newest entry too (the search's own audit of the log; nothing after it).
  const last = sql(srv.db, `SELECT max(seq) FROM audit_log WHERE resource_type = 'audit_log' AND user_id = '${user('privacy')}'`);
  assert.equal(valid(await c.read({ resourceType: 'AuditEvent', id: last })).id, last);
  assert.equal((await refused(c.read({ resourceType: 'AuditEvent', id: '99999999' }))).status, 404);
  assert.equal((await refused(c.read({ resourceType: 'AuditEvent', id: 'x' }))).status, 404);
});

test('filters: by user, by day; paging with a next link', async () => {
  const c = client('privacy');
  const mine = valid(await c.search({ resourceType: 'AuditEvent', searchParams: { agent: `Practitioner/${user('sw.jones')}`, _count: 100 } }));
  assert.ok(mine.entry.length > 0);
  assert.ok(mine.entry.every((e) => e.resource.agent[0].who.reference === `Practitioner/${user('sw.jones')}`));
  const today = valid(await c.search({ resourceType: 'AuditEvent', searchParams: { patient: person, date: `ge${day(0)}` } }));
  assert.ok(today.entry.length >= 2);
  const earlier = valid(await c.search({ resourceType: 'AuditEvent', searchParams: { patient: person, date: `le${day(-1)}` } }));
  assert.equal(earlier.entry.length, 0);
  const page = valid(await c.search({ resourceType: 'AuditEvent', searchParams: { patient: person, _count: 1 } }));
  assert.equal(page.entry.length, 1);
  const next = page.link.find((l) => l.relation === 'next');
  assert.ok(next);
  const res = await fetch(next.url, { headers: { Authorization: `Bearer ${srv.token('privacy')}` } });
  const second = valid(await res.json());
  assert.ok(Number(second.entry[0].resource.id) < Number(page.entry[0].resource.id));
  assert.equal((await refused(c.search({ resourceType: 'AuditEvent', searchParams: { patient: 'Group/x' } }))).status, 400);
  assert.equal((await refused(c.search({ resourceType: 'AuditEvent', searchParams: { date: `gt${day(0)}` } }))).status, 400);
  assert.equal((await refused(c.search({ resourceType: 'AuditEvent', searchParams: { action: 'R' } }))).status, 400);
});

test('privacy officers only: anyone else is refused', async () => {
  for (const u of ['sw.jones', 'admin', 'tm.khan']) {
    const c = client(u);
    assert.equal((await refused(c.search({ resourceType: 'AuditEvent', searchParams: { patient: person } }))).status, 403, u);
    assert.equal((await refused(c.read({ resourceType: 'AuditEvent', id: '1' }))).status, 403, u);
  }
});

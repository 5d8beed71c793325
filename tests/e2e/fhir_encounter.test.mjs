// FHIR Encounter: the hospital stays the trusts' feeds report (the
// discharge work), through a real FHIR client (fhir-kit-client): read and
// searched by patient, status and _lastUpdated, each resource valid R4 and
// UK Core (fhir_schema.mjs); the same access choke point and audit as the
// discharge pages — the stay's teams see it, others are refused and the
// refusal audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'fhir-kit-client';
import { startServer, sql, nowMs } from './harness.mjs';
import { valid, refused, registerPerson } from './fhir_schema.mjs';

let srv, person, stays;
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
const client = (user) => new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: srv.token(user) });
const audits = (action) => Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${person}'`
  + ` AND action = '${action}' AND resource_type = 'hospital_stay'`));

before(async () => {
  srv = await startServer();
  const feed = srv.token('sht.pas');
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  person = await registerPerson(srv, 'fd.ali', { gp_practice_id: gp });
  const ward = sql(srv.db, "SELECT w.code FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
                           + " JOIN teams t ON t.id = w.idt_team_id WHERE o.code = 'SHT' AND t.code = 'IDT' LIMIT 1");
  const event = async (body) => {
    const r = await srv.api('POST', '/api/v1/hospital-events', { token: feed, body: { nhs_number: '9434765919', ...body } });
    assert.equal(r.status, 201, r.text);
    return r.json.stay_id;
  };
  // An earlier stay, discharged home; then the current one, still on the ward.
  const first = await event({ event_id: 'E-1', event: 'admit', occurred_at: iso(-24 * 30), visit_number: 'SPELL-E1', ward,
    specialty: 'Geriatric medicine' });
  await event({ event_id: 'E-2', event: 'discharge', occurred_at: iso(-24 * 25), visit_number: 'SPELL-E1',
    discharge_destination: 'Home' });
  const now = await event({ event_id: 'E-3', event: 'admit', occurred_at: iso(-48), visit_number: 'SPELL-E3', ward, bed: '4' });
  stays = { first, now };
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('an Encounter is a hospital stay: inpatient, the trust by ODS code, the visit number, ward and bed; audited', async () => {
  const c = client('idt.nurse');
  const before_ = audits('read');
  const e = valid(await c.read({ resourceType: 'Encounter', id: stays.now }));
  assert.equal(e.status, 'in-progress');
  assert.equal(e.subject.reference, `Patient/${person}`);
  assert.equal(e.serviceProvider.identifier.value, sql(srv.db, "SELECT code FROM organisations WHERE code = 'SHT'"));
  assert.equal(e.identifier[0].value, 'SPELL-E3');
  assert.match(e.location[0].location.display, /, bed 4$/);
  assert.equal(e.location[0].status, 'active');
  assert.equal(e.period.start, sql(srv.db, `SELECT admitted_at FROM hospital_stays WHERE id = '${stays.now}'`));
  assert.equal(e.meta.versionId, sql(srv.db, `SELECT version FROM hospital_stays WHERE id = '${stays.now}'`));
  assert.equal(audits('read'), before_ + 1, 'the read is audited');
  const done = valid(await c.read({ resourceType: 'Encounter', id: stays.first }));
  assert.equal(done.status, 'finished');
  assert.ok(done.period.end > done.period.start);
  assert.equal(done.hospitalization.dischargeDisposition.text, 'Home');
  assert.equal(done.serviceType.text, 'Geriatric medicine');
  assert.equal((await refused(c.read({ resourceType: 'Encounter', id: 'nope' }))).status, 404);
});

test('search by patient, newest first, filtered by status and _lastUpdated; the person released is audited', async () => {
  const c = client('idt.nurse');
  const before_ = audits('read');
  const all = valid(await c.search({ resourceType: 'Encounter', searchParams: { patient: `Patient/${person}` } }));
  assert.deepEqual(all.entry.map((x) => x.resource.id), [stays.now, stays.first]);
  assert.equal(all.total, 2);
  assert.equal(audits('read'), before_ + 1, 'one entry for the request, listing the person');
  const open = valid(await c.search({ resourceType: 'Encounter', searchParams: { patient: person, status: 'in-progress' } }));
  assert.deepEqual(open.entry.map((x) => x.resource.id), [stays.now]);
  const at = all.entry[0].resource.meta.lastUpdated;
  const since = valid(await c.search({ resourceType: 'Encounter', searchParams: { patient: person, _lastUpdated: `gt${at.slice(0, 10)}T23:59:59Z` } }));
  assert.equal(since.entry.length, 0, '_lastUpdated filters, not ignored');
  const upto = valid(await c.search({ resourceType: 'Encounter', searchParams: { patient: person, _lastUpdated: `le${at.slice(0, 10)}` } }));
  assert.equal(upto.entry.length, 2);
  const page = valid(await c.search({ resourceType: 'Encounter', searchParams: { patient: person, _count: 1 } }));
  assert.equal(page.entry.length, 1);
  assert.ok(page.link.some((l) => l.relation === 'next'));
  assert.equal((await refused(c.search({ resourceType: 'Encounter', searchParams: { status: 'finished' } }))).status, 400);
  assert.equal((await refused(c.search({ resourceType: 'Encounter', searchParams: { patient: person, ward: 'x' } }))).status, 400);
});

test('the same choke point: staff with no part in the stay are refused, the refusal audited', async () => {
  const denied = () => Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${person}' AND action = 'read_denied'`));
  const before_ = denied(), reads = audits('read');
  const c = client('rn.patel');
  assert.equal((await refused(c.read({ resourceType: 'Encounter', id: stays.now }))).status, 403);
  assert.equal((await refused(c.search({ resourceType: 'Encounter', searchParams: { patient: person } }))).status, 403);
  assert.equal(denied(), before_ + 2, 'each refusal is audited');
  assert.equal(audits('read'), reads, 'nothing was released');
});

test('the CapabilityStatement declares Encounter read and search with what answers', async () => {
  const cs = valid(await client('idt.nurse').capabilityStatement());
  const enc = cs.rest[0].resource.find((r) => r.type === 'Encounter');
  assert.deepEqual(enc.interaction.map((i) => i.code), ['read', 'search-type']);
  assert.deepEqual(enc.searchParam.map((p) => p.name).sort(), ['_count', '_lastUpdated', 'patient', 'status']);
  const sr = cs.rest[0].resource.find((r) => r.type === 'ServiceRequest');
  assert.ok(sr.interaction.some((i) => i.code === 'update'));
});

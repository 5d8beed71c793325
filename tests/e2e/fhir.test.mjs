// FHIR R4 (UK Core) under /fhir/R4/ through a real FHIR client
// (fhir-kit-client): the CapabilityStatement tells the truth; Patient read,
// vread, _history, search with paging, create and update with
// OperationOutcome errors naming the FHIRPath; If-Match and Prefer; the same
// access choke point and audit as the JSON API. Every resource received is
// validated against the FHIR R4 JSON schema and the UK Core rules
// (fhir_schema.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'fhir-kit-client';
import { startServer, sql, day, cli, newDatabase, TODAY, addDays } from './harness.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { valid, NHS_NUMBER, ODS_CODE, NHS_VERIFICATION_EXT, UKCORE } from './fhir_schema.mjs';

let srv, t, fhir;   // fhir: a client per user
const client = (token, base = srv.base) => new Client({ baseUrl: `${base}/fhir/R4`, bearerToken: token });

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'tm.khan', 'rn.patel', 'admin', 'privacy']) t[u] = srv.token(u);
  // A council social worker in another team of the same organisation.
  const r = await srv.api('POST', '/api/v1/users', { token: t.admin, body: { username: 'sw.south', display_name: 'Sue South',
    role: 'practitioner', profession: 'social_worker', password: 'another-long-password', teams: ['ILT-SOUTH'] } });
  assert.equal(r.status, 201, r.text);
  t['sw.south'] = srv.token('sw.south');
  fhir = Object.fromEntries(Object.entries(t).map(([u, tok]) => [u, client(tok)]));
});
after(async () => { await srv.stop(); srv.cleanup(); });

// A FHIR call that fails: { status, outcome } (the outcome validated).
async function refused(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e.response, e.message);
    assert.equal(e.response.data.resourceType, 'OperationOutcome', JSON.stringify(e.response.data));
    return { status: e.response.status, outcome: valid(e.response.data) };
  }
  assert.fail('expected the request to be refused');
}

// A raw request (for what a client library would not send).
async function raw(method, p, { token = t['sw.jones'], headers = {}, body } = {}) {
  const res = await fetch(`${srv.base}/fhir/R4/${p}`, { method, headers: { Authorization: `Bearer ${token}`, ...headers }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
}

const audits = (personId, action = 'read') =>
  Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${personId}' AND action = '${action}'`));

const ann = {
  resourceType: 'Patient',
  identifier: [{ system: NHS_NUMBER, value: '9434765919' }],
  name: [{ use: 'official', family: 'Smith', given: ['Ann'] }, { use: 'usual', given: ['Annie'] }],
  gender: 'female',
  birthDate: '1940-02-03',
  telecom: [{ system: 'phone', value: '0116 496 0000' }],
  address: [{ line: ['1 High Street'], city: 'Leicester', postalCode: 'le1 7rh' }],
  contact: [{ name: { text: 'Bob Smith' }, relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }, { text: 'son' }] }],
  communication: [{ language: { text: 'Polish' }, preferred: true }],
  extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired', valueBoolean: true }],
};

test('the CapabilityStatement is public, valid, and declares only what answers', async () => {
  const cs = valid(await new Client({ baseUrl: `${srv.base}/fhir/R4` }).capabilityStatement());
  assert.equal(cs.fhirVersion, '4.0.1');
  assert.deepEqual(cs.format, ['application/fhir+json']);
  const types = cs.rest[0].resource.map((r) => r.type);
  assert.deepEqual(types, ['Patient', 'Organization', 'Practitioner', 'PractitionerRole', 'ServiceRequest', 'EpisodeOfCare', 'Flag', 'Consent', 'CarePlan', 'Task', 'Encounter', 'CareTeam', 'AuditEvent', 'Questionnaire', 'QuestionnaireResponse', 'Group']);
  assert.deepEqual(cs.rest[0].operation.map((o) => o.name), ['export']);
  assert.equal(cs.rest[0].resource.at(-1).interaction, undefined, 'Group: only $export');
  assert.ok(!types.includes('Observation'), 'what is not served is not declared');
  // Every declared interaction answers (not 404/405) and every declared
  // search parameter is understood (not "Unknown search parameter").
  const paths = { read: 'X/none', vread: 'X/none/_history/1', 'history-instance': 'X/none/_history',
                  'search-type': 'X', create: 'X', update: 'X/none' };
  const methods = { create: 'POST', update: 'PUT' };
  for (const r of cs.rest[0].resource) {
    for (const { code } of r.interaction ?? []) {
      const res = await raw(methods[code] ?? 'GET', paths[code].replace('X', r.type),
                            { headers: { 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"1"' }, body: methods[code] ? '{}' : undefined });
      assert.ok(![405, 501].includes(res.status) && !/does not serve/.test(res.text), `${r.type} ${code}: ${res.status} ${res.text}`);
    }
    for (const p of r.searchParam ?? []) {
      const res = await raw('GET', `${r.type}?${p.name}=x`);
      assert.ok(!/Unknown search parameter/.test(res.text), `${r.type}?${p.name}`);
    }
  }
});

let annId;
test('a Patient is created through the client: UK Core identifier, extension, names, contact; audited', async () => {
  const p = valid(await fhir['sw.jones'].create({ resourceType: 'Patient', body: ann }));
  annId = p.id;
  assert.equal(p.meta.versionId, '1');
  const nhs = p.identifier.find((i) => i.system === NHS_NUMBER);
  assert.equal(nhs.value, '9434765919');
  assert.equal(nhs.extension.find((e) => e.url === NHS_VERIFICATION_EXT).valueCodeableConcept.coding[0].code, '02');
  assert.equal(p.address[0].postalCode, 'LE1 7RH', 'normalised as the JSON API does');
  assert.deepEqual(p.name.map((n) => n.use), ['official', 'usual']);
  assert.equal(p.contact[0].relationship[0].coding[0].code, 'N');
  assert.equal(p.communication[0].language.text, 'Polish');
  assert.equal(audits(annId, 'create'), 1);
  // The same person through the JSON API.
  const j = await srv.api('GET', `/api/v1/persons/${annId}`, { token: t['sw.jones'] });
  assert.equal(j.json.preferred_name, 'Annie');
  assert.equal(j.json.interpreter_needed, true);
  assert.equal(j.json.contacts[0].next_of_kin, true);
  assert.equal(j.json.caseloads[0].team_code, 'ILT-NORTH');
});

test('an invalid Patient is 422 with one issue per field naming its FHIRPath; nothing stored', async () => {
  const before_ = sql(srv.db, 'SELECT count(*) FROM persons');
  const { status, outcome } = await refused(fhir['sw.jones'].create({ resourceType: 'Patient', body: {
    resourceType: 'Patient', identifier: [{ system: NHS_NUMBER, value: '9434765918' }], name: [{ family: '' }],
    gender: 'robot', birthDate: day(1) } }));
  assert.equal(status, 422);
  const expressions = outcome.issue.map((i) => i.expression[0]).sort();
  assert.deepEqual(expressions, ['Patient.birthDate', 'Patient.gender',
    `Patient.identifier.where(system='${NHS_NUMBER}').value`, 'Patient.name[0].family', 'Patient.name[0].given[0]']);
  assert.ok(outcome.issue.every((i) => i.severity === 'error' && i.diagnostics));
  assert.equal(sql(srv.db, 'SELECT count(*) FROM persons'), before_, 'nothing stored');
  const dup = await refused(fhir['sw.jones'].create({ resourceType: 'Patient', body: ann }));
  assert.equal(dup.status, 409, 'the NHS number is in use');
});

test('bad input: wrong type, malformed JSON, a missing GP, unknown types and parameters, media types', async () => {
  const h = { 'Content-Type': 'application/fhir+json' };
  const wrong = await raw('POST', 'Patient', { headers: h, body: JSON.stringify({ resourceType: 'Observation' }) });
  assert.equal(wrong.status, 400);
  assert.deepEqual(wrong.json.issue[0].expression, ['resourceType']);
  assert.equal((await raw('POST', 'Patient', { headers: h, body: '{"resourceType": "Patient",' })).status, 400);
  const gp = await refused(fhir['sw.jones'].create({ resourceType: 'Patient', body: { ...ann, identifier: [],
    generalPractitioner: [{ reference: 'Organization/nope' }] } }));
  assert.equal(gp.status, 422);
  assert.deepEqual(gp.outcome.issue[0].expression, ['Patient.generalPractitioner[0]']);
  const enc = valid((await raw('GET', 'Encounter')).json);
  assert.match(enc.issue[0].diagnostics, /Encounter/);
  const unknown = await refused(fhir['sw.jones'].search({ resourceType: 'Patient', searchParams: { shoe_size: '9' } }));
  assert.equal(unknown.status, 400);
  assert.match(unknown.outcome.issue[0].diagnostics, /shoe_size/);
  const html = await raw('GET', `Patient/${annId}`, { headers: { Accept: 'text/html' } });
  assert.equal(html.status, 406);
  assert.equal(html.headers.get('content-type'), 'application/fhir+json');
  assert.equal((await raw('GET', `Patient/${annId}?_format=xml`)).status, 406);
  assert.equal((await raw('POST', 'Patient', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ann) })).status, 415);
  const anon = await fetch(`${srv.base}/fhir/R4/Patient/${annId}`);
  assert.equal(anon.status, 401);
  assert.equal((await anon.json()).resourceType, 'OperationOutcome');
});

test('read, update with If-Match (stale → 412, none → 428), vread and _history', async () => {
  const c = fhir['sw.jones'];
  const p = valid(await c.read({ resourceType: 'Patient', id: annId }));
  const changed = { ...p, name: [{ use: 'official', family: 'Smythe', given: ['Ann'] }] };
  const none = await raw('PUT', `Patient/${annId}`, { headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(changed) });
  assert.equal(none.status, 428);
  const v2 = valid(await c.update({ resourceType: 'Patient', id: annId, body: changed, options: { headers: { 'If-Match': 'W/"1"' } } }));
  assert.equal(v2.meta.versionId, '2');
  assert.equal(v2.name[0].family, 'Smythe');
  assert.equal(v2.name.length, 1, 'an update replaces what the Patient carries: the usual name is gone');
  const stale = await refused(c.update({ resourceType: 'Patient', id: annId, body: changed, options: { headers: { 'If-Match': 'W/"1"' } } }));
  assert.equal(stale.status, 412);
  const otherId = await refused(c.update({ resourceType: 'Patient', id: annId, body: { ...changed, id: 'other' }, options: { headers: { 'If-Match': 'W/"2"' } } }));
  assert.equal(otherId.status, 400);
  const v1 = valid(await c.vread({ resourceType: 'Patient', id: annId, version: '1' }));
  assert.equal(v1.name[0].family, 'Smith');
  assert.equal(v1.meta.versionId, '1');
  assert.equal((await refused(c.vread({ resourceType: 'Patient', id: annId, version: '9' }))).status, 404);
  const h = valid(await c.history({ resourceType: 'Patient', id: annId }));
  assert.equal(h.type, 'history');
  assert.deepEqual(h.entry.map((e) => e.resource.meta.versionId), ['2', '1']);
  assert.deepEqual(h.entry.map((e) => e.request.method), ['PUT', 'POST']);
});

test('Prefer: return=minimal sends no body, return=representation the resource', async () => {
  const cur = await fhir['sw.jones'].read({ resourceType: 'Patient', id: annId });
  const h = { 'Content-Type': 'application/fhir+json', 'If-Match': `W/"${cur.meta.versionId}"` };
  const min = await raw('PUT', `Patient/${annId}`, { headers: { ...h, Prefer: 'return=minimal' }, body: JSON.stringify(cur) });
  assert.equal(min.status, 200);
  assert.equal(min.text, '');
  assert.equal(min.headers.get('etag'), `W/"${Number(cur.meta.versionId) + 1}"`);
  const rep = await raw('PUT', `Patient/${annId}`, { headers: { ...h, 'If-Match': min.headers.get('etag'), Prefer: 'return=representation' }, body: JSON.stringify(cur) });
  assert.equal(rep.status, 200);
  valid(rep.json);
});

test('search by NHS number, by family and birthdate, with paging and _include of the GP', async () => {
  const c = fhir['sw.jones'];
  const byNhs = valid(await c.search({ resourceType: 'Patient', searchParams: { identifier: `${NHS_NUMBER}|9434765919` } }));
  assert.equal(byNhs.type, 'searchset');
  assert.deepEqual(byNhs.entry.map((e) => e.resource.id), [annId]);
  assert.equal(byNhs.entry[0].search.mode, 'match');
  const bad = await refused(c.search({ resourceType: 'Patient', searchParams: { identifier: 'urn:other|123' } }));
  assert.equal(bad.status, 400);
  // Three people at one postcode, one with a GP: pages of 2, then the rest.
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'RSG'");
  for (const [family, extra] of [['Able', { generalPractitioner: [{ reference: `Organization/${gp}` }] }], ['Baker', {}], ['Carter', {}]]) {
    valid(await c.create({ resourceType: 'Patient', body: { resourceType: 'Patient', name: [{ family, given: ['Kim'] }],
      gender: 'unknown', birthDate: '1950-01-01', address: [{ postalCode: 'LE2 2AA' }], ...extra } }));
  }
  const page1 = valid(await c.search({ resourceType: 'Patient', searchParams: { 'address-postalcode': 'LE2 2AA', _count: 2 } }));
  assert.equal(page1.entry.length, 2);
  assert.ok(page1.link.find((l) => l.relation === 'next'));
  const page2 = valid(await c.nextPage({ bundle: page1 }));
  assert.equal(page2.entry.length, 1);
  assert.ok(!page2.link.find((l) => l.relation === 'next'));
  const all = [...page1.entry, ...page2.entry].map((e) => e.resource.name[0].family).sort();
  assert.deepEqual(all, ['Able', 'Baker', 'Carter']);
  const withGp = valid(await c.search({ resourceType: 'Patient', searchParams: { family: 'able', birthdate: '1950-01-01',
    _include: 'Patient:general-practitioner' } }));
  assert.deepEqual(withGp.entry.map((e) => [e.resource.resourceType, e.search.mode]), [['Patient', 'match'], ['Organization', 'include']]);
  assert.equal(withGp.entry[1].resource.identifier[0].value, 'RSG');
  const exact = valid(await c.search({ resourceType: 'Patient', searchParams: { 'family:exact': 'able', birthdate: '1950-01-01' } }));
  assert.equal(exact.entry.length, 0, ':exact is case-sensitive');
  const later = valid(await c.search({ resourceType: 'Patient', searchParams: { 'address-postalcode': 'LE2 2AA', _lastUpdated: 'gt2999-01-01' } }));
  assert.equal(later.entry.length, 0);
});

test('the same choke point: no relationship → 403 and read_denied audited; search shows only the people one may see', async () => {
  const before_ = audits(annId);
  const denied = await refused(fhir['sw.south'].read({ resourceType: 'Patient', id: annId }));
  assert.equal(denied.status, 403);
  assert.equal(denied.outcome.issue[0].code, 'forbidden');
  assert.ok(!JSON.stringify(denied.outcome).includes('Smythe'));
  assert.equal(audits(annId), before_, 'nothing released, no read audited');
  assert.equal(audits(annId, 'read_denied'), 1);
  for (const path of [`Patient/${annId}/_history`, `Patient/${annId}/_history/1`]) {
    assert.equal((await raw('GET', path, { token: t['sw.south'] })).status, 403, path);
  }
  const search = valid(await fhir['sw.south'].search({ resourceType: 'Patient', searchParams: { identifier: `${NHS_NUMBER}|9434765919` } }));
  assert.equal(search.entry.length, 0);
  // Each read and each person a search returns is one audit entry with its basis.
  const n = audits(annId);
  await fhir['tm.khan'].read({ resourceType: 'Patient', id: annId });
  await fhir['tm.khan'].search({ resourceType: 'Patient', searchParams: { identifier: `${NHS_NUMBER}|9434765919` } });
  assert.equal(audits(annId), n + 2);
  assert.equal(sql(srv.db, `SELECT basis FROM audit_trail WHERE person_id = '${annId}' ORDER BY at DESC, seq DESC LIMIT 1`), 'relationship');
  // Break-glass through the JSON API opens the FHIR read too, audited as such.
  const bg = await srv.api('POST', `/api/v1/persons/${annId}/break-glass`, { token: t['sw.south'], body: { reason: 'Safeguarding concern raised out of hours' } });
  assert.equal(bg.status, 201, bg.text);
  valid(await fhir['sw.south'].read({ resourceType: 'Patient', id: annId }));
  assert.equal(sql(srv.db, `SELECT basis FROM audit_trail WHERE person_id = '${annId}' AND action = 'read' ORDER BY at DESC, seq DESC LIMIT 1`), 'break_glass');
});

test('Organization: read and search by ODS code', async () => {
  const c = fhir['rn.patel'];
  const b = valid(await c.search({ resourceType: 'Organization', searchParams: { identifier: `${ODS_CODE}|SCC` } }));
  assert.equal(b.entry.length, 1);
  const o = valid(await c.read({ resourceType: 'Organization', id: b.entry[0].resource.id }));
  assert.equal(o.name, 'Shire County Council – Adult Social Care');
  assert.equal(o.type[0].coding[0].code, 'govt');
  assert.equal((await refused(c.read({ resourceType: 'Organization', id: 'nope' }))).status, 404);
});

test('Practitioner and PractitionerRole: the staff directory, for any signed-in user; audited; no secrets', async () => {
  const c = fhir['rn.patel'];   // another organisation's nurse reads the council's staff
  const USERNAME = 'https://seamless.example/Id/username';
  const b = valid(await c.search({ resourceType: 'Practitioner', searchParams: { identifier: `${USERNAME}|sw.jones` } }));
  assert.equal(b.entry.length, 1);
  const id = b.entry[0].resource.id;
  assert.equal(id, sql(srv.db, "SELECT id FROM users WHERE username = 'sw.jones'"));
  const before = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'user' AND resource_id = '${id}'`));
  const p = valid(await c.read({ resourceType: 'Practitioner', id }));
  assert.equal(p.name[0].text, 'Sam Jones');
  assert.deepEqual(p.identifier, [{ system: USERNAME, value: 'sw.jones' }]);
  assert.equal(p.active, true);
  assert.equal(p.meta.versionId, '1');
  assert.ok(p.meta.lastUpdated);
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'user' AND resource_id = '${id}'`)), before + 1,
               'a read of one member of staff is audited');
  // Name: any word, any case; a second word finds the same person. A search
  // is audited as one read of the directory.
  const dirReads = () => Number(sql(srv.db, "SELECT count(*) FROM audit_trail WHERE resource_type = 'staff_directory'"));
  const dir0 = dirReads();
  const byName = valid(await c.search({ resourceType: 'Practitioner', searchParams: { name: 'jon' } }));
  assert.ok(byName.entry.some((e) => e.resource.id === id));
  assert.ok(byName.entry.every((e) => /(^|\s)jon/i.test(e.resource.name[0].text)));
  assert.equal(dirReads(), dir0 + 1);
  assert.equal(valid(await c.search({ resourceType: 'Practitioner', searchParams: { 'name:exact': 'Sam Jones' } })).entry.length, 1);
  assert.equal((valid(await c.search({ resourceType: 'Practitioner', searchParams: { identifier: 'other|sw.jones' } })).entry ?? []).length, 0);
  // PractitionerRole: organisation and role/profession in words, teams.
  const r = valid(await c.read({ resourceType: 'PractitionerRole', id }));
  const scc = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SCC'");
  assert.equal(r.practitioner.reference, `Practitioner/${id}`);
  assert.equal(r.organization.reference, `Organization/${scc}`);
  assert.equal(r.organization.display, 'Shire County Council – Adult Social Care');
  assert.deepEqual(r.code.map((x) => x.text), ['Social worker', 'Practitioner']);
  assert.ok(r.specialty.length >= 1 && r.specialty.every((x) => x.text));
  valid(await c.read({ resourceType: 'Organization', id: scc }));   // the reference resolves
  const byPr = valid(await c.search({ resourceType: 'PractitionerRole', searchParams: { practitioner: `Practitioner/${id}` } }));
  assert.deepEqual(byPr.entry.map((e) => e.resource.id), [id]);
  const byOrg = valid(await c.search({ resourceType: 'PractitionerRole', searchParams: { organization: `Organization/${scc}`, _count: 100 } }));
  assert.ok(byOrg.entry.length >= 5 && byOrg.entry.every((e) => e.resource.organization.reference === `Organization/${scc}`));
  assert.ok(byOrg.entry.some((e) => e.resource.id === id));
  // Paging by position.
  const page = valid(await c.search({ resourceType: 'PractitionerRole', searchParams: { organization: `Organization/${scc}`, _count: 2 } }));
  assert.equal(page.entry.length, 2);
  assert.ok(page.link.some((l) => l.relation === 'next'));
  // 404, 400 on an unknown parameter, 401 without a token.
  assert.equal((await refused(c.read({ resourceType: 'Practitioner', id: 'nope' }))).status, 404);
  assert.equal((await refused(c.read({ resourceType: 'PractitionerRole', id: 'nope' }))).status, 404);
  const bad = await refused(c.search({ resourceType: 'Practitioner', searchParams: { role: 'x' } }));
  assert.equal(bad.status, 400);
  assert.match(bad.outcome.issue[0].diagnostics, /role/);
  assert.equal((await refused(c.search({ resourceType: 'PractitionerRole', searchParams: { name: 'x' } }))).status, 400);
  assert.equal((await raw('GET', `Practitioner/${id}`, { token: 'nope' })).status, 401);
  // Nothing secret: no hash, token, session or internal column in any answer.
  const all = [await raw('GET', 'Practitioner?_count=100'), await raw('GET', 'PractitionerRole?_count=100'),
               await raw('GET', `Practitioner/${id}`), await raw('GET', `PractitionerRole/${id}`)];
  const hash = sql(srv.db, `SELECT password_hash FROM users WHERE id = '${id}'`);
  for (const res of all) {
    assert.equal(res.status, 200, res.text);
    assert.ok(!res.text.includes(hash), 'no password hash');
    assert.doesNotMatch(res.text, /password|\$argon2|token_hash|session|created_by|updated_by/i);
  }
  assert.ok(!all[0].text.includes(t['sw.jones']), 'no token');
});

test('round trip: a full JSON API record read through FHIR, written back, reads the same', async () => {
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'RSG'");
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    nhs_number: '9990001235', nhs_number_verified: true, family_name: 'Round', given_name: 'Robin Jay',
    preferred_name: 'RJ', date_of_birth: '1933-03-03', sex: 'other', postcode: 'LE3 3AA', address_line1: 'Flat 2',
    address_line2: '3 Low Road', town: 'Leicester', gp_practice_id: gp, phone: '0116 496 0001', email: 'rj@example.org',
    main_language: 'Welsh', interpreter_needed: true, communication_needs: 'Large print', alert_safeguarding: true,
    contacts: [{ name: 'Sam Round', relationship: 'daughter', phone: '07700 900000', next_of_kin: true }] } });
  assert.equal(r.status, 201, r.text);
  const c = fhir['sw.jones'];
  const first = valid(await c.read({ resourceType: 'Patient', id: r.json.id }));
  // A number typed in is 02 'present but not traced' until a PDS trace says otherwise (#14 item 5).
  assert.equal(first.identifier[0].extension[0].valueCodeableConcept.coding[0].code, '02');
  await c.update({ resourceType: 'Patient', id: first.id, body: first, options: { headers: { 'If-Match': `W/"${first.meta.versionId}"` } } });
  const again = valid(await c.read({ resourceType: 'Patient', id: first.id }));
  const strip = ({ meta, ...rest }) => rest;
  assert.deepEqual(strip(again), strip(first));
  assert.equal(again.meta.versionId, '2');
  const j = await srv.api('GET', `/api/v1/persons/${first.id}`, { token: t['sw.jones'] });
  const keep = ['nhs_number', 'nhs_number_verified', 'family_name', 'given_name', 'preferred_name', 'date_of_birth', 'sex',
                'postcode', 'address_line1', 'address_line2', 'town', 'gp_practice_id', 'phone', 'email', 'main_language',
                'interpreter_needed', 'communication_needs', 'alert_safeguarding'];
  for (const k of keep) assert.deepEqual(j.json[k], r.json[k], k);
  assert.deepEqual(j.json.contacts.map(({ id, ...x }) => x), r.json.contacts.map(({ id, ...x }) => x));

  // After a PDS trace (01) the extension says so, and sending it back unchanged keeps it; a client claiming
  // another status is refused naming the extension, nothing stored (the status is the trace's, never a client's).
  sql(srv.db, `UPDATE persons SET nhs_number_status = '01' WHERE id = '${first.id}'`);
  const traced = valid(await c.read({ resourceType: 'Patient', id: first.id }));
  const coding = (p) => p.identifier[0].extension.find((e) => e.url === NHS_VERIFICATION_EXT).valueCodeableConcept.coding[0];
  assert.deepEqual(coding(traced), { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
    code: '01', display: 'Number present and verified' });
  const ifMatch = (p) => ({ headers: { 'If-Match': `W/"${p.meta.versionId}"` } });
  await c.update({ resourceType: 'Patient', id: first.id, body: traced, options: ifMatch(traced) });
  const kept = valid(await c.read({ resourceType: 'Patient', id: first.id }));
  assert.equal(coding(kept).code, '01');
  for (const [code, status] of [['04', 422], ['02', 422], ['09', 400]]) {
    const claim = structuredClone(kept);
    coding(claim).code = code;
    const no = await refused(c.update({ resourceType: 'Patient', id: first.id, body: claim, options: ifMatch(kept) }));
    assert.equal(no.status, status, code);
    assert.equal(no.outcome.issue[0].expression[0],
      `Patient.identifier.where(system='${NHS_NUMBER}').extension('${NHS_VERIFICATION_EXT}')`);
  }
  const after_ = valid(await c.read({ resourceType: 'Patient', id: first.id }));
  assert.equal(after_.meta.versionId, kept.meta.versionId, 'nothing stored');
  assert.equal(coding(after_).code, '01');
});

test('ServiceRequest: a referral read and found by patient, through the same access check', async () => {
  const made = await srv.api('POST', '/api/v1/referrals', { token: t['sw.jones'], body: { person_id: annId, source: 'gp',
    reason: 'Falls at home, struggling with stairs', urgency: 'urgent', consent: 'given',
    referrer: { name: 'Dr Ren Rivers', organisation: 'Riverside Surgery' } } });
  assert.equal(made.status, 201, made.text);
  const c = fhir['sw.jones'];
  const before_ = audits(annId);
  const sr = valid(await c.read({ resourceType: 'ServiceRequest', id: made.json.id }));
  assert.equal(sr.status, 'active');
  assert.equal(sr.intent, 'order');
  assert.equal(sr.priority, 'urgent');
  assert.equal(sr.subject.reference, `Patient/${annId}`);
  assert.equal(sr.reasonCode[0].text, 'Falls at home, struggling with stairs');
  assert.equal(sr.requester.display, 'Dr Ren Rivers, Riverside Surgery');
  assert.equal(audits(annId), before_ + 1, 'the read is audited');
  const b = valid(await c.search({ resourceType: 'ServiceRequest', searchParams: { patient: `Patient/${annId}`, status: 'active' } }));
  assert.deepEqual(b.entry.map((e) => e.resource.id), [made.json.id]);
  const done = valid(await c.search({ resourceType: 'ServiceRequest', searchParams: { patient: annId, status: 'completed' } }));
  assert.equal(done.entry.length, 0);
  assert.equal((await refused(c.search({ resourceType: 'ServiceRequest', searchParams: { status: 'active' } }))).status, 400);
  assert.equal((await refused(fhir['rn.patel'].read({ resourceType: 'ServiceRequest', id: made.json.id }))).status, 403);
  assert.equal((await refused(fhir['rn.patel'].search({ resourceType: 'ServiceRequest', searchParams: { patient: annId } }))).status, 403);
  assert.equal((await refused(c.read({ resourceType: 'ServiceRequest', id: 'nope' }))).status, 404);
});

// The referral's extensions: UK Core's source of the request (coded in
// Seamless's code system) and Seamless's consent extension, both under this
// server's FHIR base.
function referralExtensions() {
  const base = `${srv.base}/fhir/R4`;
  const SOURCE = `${UKCORE}Extension-UKCore-SourceOfServiceRequest`;
  const CONSENT = `${base}/StructureDefinition/referral-consent`;
  const source = (code) => ({ url: SOURCE, valueCodeableConcept: { coding: [{ system: `${base}/CodeSystem/referral-source`, code }] } });
  return { base, SOURCE, CONSENT, source };
}

test('ServiceRequest create: a partner system refers to the front door; the same rules, 422 naming the FHIRPath, nothing stored', async () => {
  const c = fhir['sw.jones'];
  const { SOURCE, CONSENT, source } = referralExtensions();
  const body = { resourceType: 'ServiceRequest', status: 'active', intent: 'order', priority: 'stat',
    subject: { reference: `Patient/${annId}` }, authoredOn: `${TODAY}T08:30:00Z`,
    reasonCode: [{ text: 'Carer in hospital, no one at home' }], requester: { display: 'Dr Ren Rivers' },
    extension: [source('gp'), { url: CONSENT, valueCode: 'given' }] };
  const count = () => Number(sql(srv.db, `SELECT count(*) FROM referrals WHERE person_id = '${annId}'`));
  const before_ = count(), createdBefore = audits(annId, 'create');
  const sr = valid(await c.create({ resourceType: 'ServiceRequest', body }));
  assert.equal(count(), before_ + 1);
  assert.equal(sr.priority, 'stat', 'stat is a crisis referral');
  assert.equal(sql(srv.db, `SELECT urgency || '|' || source || '|' || consent FROM referrals WHERE id = '${sr.id}'`), 'crisis|gp|given');
  assert.equal(sr.authoredOn, `${TODAY}T08:30:00Z`);
  assert.equal(sr.requester.display, 'Dr Ren Rivers');
  assert.deepEqual(valid(await c.read({ resourceType: 'ServiceRequest', id: sr.id })), sr);
  assert.equal(audits(annId, 'create'), createdBefore + 1, 'the referral\'s creation is audited');
  // The JSON API's rules, each field named by its FHIRPath; nothing stored.
  const bad = await refused(c.create({ resourceType: 'ServiceRequest', body: { ...body, reasonCode: [],
    extension: [source('pigeon')], requester: undefined } }));
  assert.equal(bad.status, 422);
  const paths = bad.outcome.issue.map((i) => i.expression[0]).sort();
  assert.deepEqual(paths, [`ServiceRequest.extension('${CONSENT}')`, `ServiceRequest.extension('${SOURCE}')`,
    'ServiceRequest.reasonCode', 'ServiceRequest.requester'].sort());
  const nobody = await refused(c.create({ resourceType: 'ServiceRequest', body: { ...body, subject: { reference: 'Patient/nope' } } }));
  assert.equal(nobody.status, 422);
  assert.deepEqual(nobody.outcome.issue[0].expression, ['ServiceRequest.subject']);
  const wrong = await refused(c.create({ resourceType: 'ServiceRequest', body: { resourceType: 'Patient' } }));
  assert.equal(wrong.status, 400);
  assert.equal(count(), before_ + 1, 'nothing stored by a refused request');
});

test('ServiceRequest update: the front door triages and reroutes through PUT; If-Match, Prefer, the JSON API\'s rules as OperationOutcome', async () => {
  const { base, SOURCE, CONSENT } = referralExtensions();
  // A person of their own: accepting the referral opens a caseload.
  const bea = valid(await fhir['sw.jones'].create({ resourceType: 'Patient', body: { ...ann,
    identifier: [{ system: NHS_NUMBER, value: '9434760038' }], name: [{ use: 'official', family: 'Barker', given: ['Bea'] }] } }));
  const made = await srv.api('POST', '/api/v1/referrals', { token: t['sw.jones'], body: { person_id: bea.id, source: 'gp',
    reason: 'Lives alone, not coping after a fall', urgency: 'routine', consent: 'best_interests',
    referrer: { name: 'Dr Ren Rivers' } } });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const fd = client(srv.token('fd.ali'));
  const teamId = (code) => sql(srv.db, `SELECT id FROM teams WHERE code = '${code}'`);
  const version = () => Number(sql(srv.db, `SELECT version FROM referrals WHERE id = '${id}'`));
  const put = (c, body, v, extra = {}) => c.update({ resourceType: 'ServiceRequest', id, body,
    options: { headers: { 'If-Match': `W/"${v}"`, ...extra } } });
  const cur = valid(await fd.read({ resourceType: 'ServiceRequest', id }));
  // The placeholder extensions are gone: UK Core's source, Seamless's consent under this base.
  const src = cur.extension.find((e) => e.url === SOURCE);
  assert.deepEqual(src.valueCodeableConcept.coding, [{ system: `${base}/CodeSystem/referral-source`, code: 'gp' }]);
  assert.equal(src.valueCodeableConcept.text, 'GP');
  assert.equal(cur.extension.find((e) => e.url === CONSENT).valueCode, 'best_interests');
  assert.equal(cur.performer[0].identifier.value, teamId('FRONT-DOOR'));
  // Sent back unchanged: nothing is written, the version stays.
  const same = valid(await put(fd, cur, cur.meta.versionId));
  assert.equal(same.meta.versionId, cur.meta.versionId);
  // A route: a triage, with the JSON API's audit entry.
  const triagedBefore = audits(bea.id, 'triaged');
  const triage = { ...cur, category: [{ coding: [{ system: `${base}/CodeSystem/referral-route`, code: 'reablement' }] }] };
  const v2 = valid(await put(fd, triage, cur.meta.versionId));
  assert.equal(v2.meta.versionId, String(Number(cur.meta.versionId) + 1));
  assert.equal(v2.category[0].coding[0].code, 'reablement');
  assert.equal(v2.performer[0].identifier.value, teamId('HART'));
  assert.equal(sql(srv.db, `SELECT status FROM referrals WHERE id = '${id}'`), 'triaged');
  assert.equal(audits(bea.id, 'triaged'), triagedBefore + 1, 'the triage is audited');
  // Stale If-Match → 412; none → 428; another id → 400; nothing stored.
  assert.equal((await refused(put(fd, triage, cur.meta.versionId))).status, 412);
  const h = { 'Content-Type': 'application/fhir+json' };
  assert.equal((await raw('PUT', `ServiceRequest/${id}`, { token: srv.token('fd.ali'), headers: h, body: JSON.stringify(v2) })).status, 428);
  assert.equal((await refused(put(fd, { ...v2, id: 'other' }, v2.meta.versionId))).status, 400);
  // What the referrer said is not changed by an update: 422 naming each element.
  const fixed = await refused(put(fd, { ...v2, priority: 'stat', reasonCode: [{ text: 'Changed' }] }, v2.meta.versionId));
  assert.equal(fixed.status, 422);
  assert.deepEqual(fixed.outcome.issue.map((i) => i.expression[0]).sort(), ['ServiceRequest.priority', 'ServiceRequest.reasonCode']);
  // The JSON API's rules: an unknown route, a team that does not take the route.
  const route = await refused(put(fd, { ...v2, category: [{ text: 'podiatry' }] }, v2.meta.versionId));
  assert.equal(route.status, 422);
  assert.deepEqual(route.outcome.issue[0].expression, ['ServiceRequest.category']);
  const team = await refused(put(fd, { ...v2, performer: [{ identifier: { system: 'https://seamless.example/Id/team', value: teamId('CHC') } }] }, v2.meta.versionId));
  assert.equal(team.status, 422);
  assert.deepEqual(team.outcome.issue[0].expression, ['ServiceRequest.performer']);
  assert.equal(version(), Number(v2.meta.versionId), 'nothing stored by a refused update');
  // Only the front door moves it on.
  const notMine = await refused(put(fhir['sw.jones'], { ...v2, category: [{ text: 'chc' }] }, v2.meta.versionId));
  assert.equal(notMine.status, 403);
  // A reroute with Prefer: return=minimal — no body, the new ETag.
  const reroute = { ...v2, category: [{ text: 'crisis_response' }] };
  const min = await raw('PUT', `ServiceRequest/${id}`, { token: srv.token('fd.ali'),
    headers: { ...h, 'If-Match': `W/"${v2.meta.versionId}"`, Prefer: 'return=minimal' }, body: JSON.stringify(reroute) });
  assert.equal(min.status, 200, min.text);
  assert.equal(min.text, '');
  assert.equal(min.headers.get('etag'), `W/"${version()}"`);
  assert.equal(sql(srv.db, `SELECT count(*) FROM referral_events WHERE referral_id = '${id}' AND kind = 'rerouted'`), '1');
  const v3 = valid(await fd.read({ resourceType: 'ServiceRequest', id }));
  assert.equal(v3.category[0].coding[0].code, 'crisis_response');
  assert.equal(v3.performer[0].identifier.value, teamId('CRS'));
  // Once the team accepts, the front door can no longer send it on: its
  // relationship ended with the referral (the choke point refuses first).
  const acc = await srv.api('POST', `/api/v1/referrals/${id}/accept`, { token: srv.token('crs.nurse'), body: {} });
  assert.equal(acc.status, 200, acc.text);
  const late = await refused(put(fd, { ...v3, category: [{ text: 'chc' }] }, version()));
  assert.equal(late.status, 403);
  assert.equal(sql(srv.db, `SELECT status FROM referrals WHERE id = '${id}'`), 'accepted');
});

test('the demo county round-trips: each person of a caseload read, written back unchanged, read the same', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = newDatabase(dir);
  const made = cli(['demo', '--db', db, '--persons', '300']);
  assert.equal(made.status, 0, made.stderr);
  const demo = await startServer({ db, dir });
  try {
    const c = client(demo.token('sw.jones'), demo.base);
    // The synthetic county's people are on its generated teams' caseloads:
    // put 25 of them on sw.jones's team too.
    const team = sql(db, "SELECT id FROM teams WHERE code = 'ILT-NORTH'");
    const ids = sql(db, 'SELECT id FROM persons WHERE objects_to_sharing = 0 ORDER BY id LIMIT 25').split('\n').filter(Boolean);
    for (const id of ids) {
      sql(db, `INSERT INTO caseloads (id, person_id, team_id, opened_on, created_at) VALUES ('rt-${id}', '${id}', '${team}', '2026-01-01', '2026-01-01')`);
    }
    assert.ok(ids.length >= 5, `sw.jones has people on a caseload (${ids.length})`);
    const before_ = Object.fromEntries(await Promise.all(ids.map(async (id) =>
      [id, (await demo.api('GET', `/api/v1/persons/${id}`, { token: demo.token('sw.jones') })).json])));
    for (const id of ids) {
      const first = valid(await c.read({ resourceType: 'Patient', id }));
      await c.update({ resourceType: 'Patient', id, body: first, options: { headers: { 'If-Match': `W/"${first.meta.versionId}"` } } });
      const again = valid(await c.read({ resourceType: 'Patient', id }));
      const { meta: m1, ...a } = first;
      const { meta: m2, ...b } = again;
      assert.deepEqual(b, a, id);
      assert.equal(Number(m2.versionId), Number(m1.versionId) + 1);
    }
    const tok = demo.token('sw.jones');
    for (const id of ids) {
      const after_ = (await demo.api('GET', `/api/v1/persons/${id}`, { token: tok })).json;
      for (const k of Object.keys(before_[id]).filter((k) => !['version', 'updated_at', 'updated_by', 'access', 'contacts'].includes(k)))
        assert.deepEqual(after_[k], before_[id][k], `${id} ${k}`);
      assert.deepEqual(after_.contacts.map(({ id: _, ...x }) => x), before_[id].contacts.map(({ id: _, ...x }) => x));
    }
  } finally {
    await demo.stop();
    demo.cleanup();
  }
});

test('Flag and Consent: the alerts and the objection to sharing, read and searched by patient, audited', async () => {
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { family_name: 'Alert', given_name: 'Al',
    date_of_birth: '1960-06-06', sex: 'male', alert_safeguarding: true, alert_risk_to_staff: true,
    alert_note: 'Dog in the house', objects_to_sharing: true } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  const c = fhir['sw.jones'];
  const before_ = audits(id);
  const flags = valid(await c.search({ resourceType: 'Flag', searchParams: { patient: `Patient/${id}` } }));
  assert.deepEqual(flags.entry.map((e) => e.resource.id), [`${id}-safeguarding`, `${id}-risk-to-staff`]);
  assert.equal(flags.entry[1].resource.code.text, 'Risk to staff: Dog in the house');
  const one = valid(await c.read({ resourceType: 'Flag', id: `${id}-safeguarding` }));
  assert.equal(one.subject.reference, `Patient/${id}`);
  const consent = valid(await c.read({ resourceType: 'Consent', id: `${id}-sharing` }));
  assert.equal(consent.provision.type, 'deny');
  assert.equal(consent.scope.coding[0].code, 'patient-privacy');
  assert.equal(audits(id), before_ + 3, 'each is an audited read of the person');
  const none = valid(await c.search({ resourceType: 'Consent', searchParams: { patient: annId } }));
  assert.equal(none.entry.length, 0, 'no objection recorded: no Consent');
  assert.equal((await refused(c.read({ resourceType: 'Flag', id: `${annId}-safeguarding` }))).status, 404);
  assert.equal((await refused(fhir['rn.patel'].search({ resourceType: 'Flag', searchParams: { patient: id } }))).status, 403);
  assert.equal((await refused(c.search({ resourceType: 'Flag', searchParams: {} }))).status, 400);
});

let carePlan;
test('CarePlan: a care and support plan with one activity per task, read and searched by patient; audited', async () => {
  const token = t['sw.jones'];
  const scc = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SCC'");
  const hcp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'HCP'");
  const made = await srv.api('POST', `/api/v1/persons/${annId}/plans`, { token, body: {
    needs: 'Needs help washing', outcomes: 'Stay at home safely', start_on: TODAY, review_on: addDays(TODAY, 90) } });
  assert.equal(made.status, 201, made.text);
  const task = await srv.api('POST', `/api/v1/plans/${made.json.id}/tasks`, { token, body: { version: made.json.version,
    task_code: 'personal_care', calls: 2, per: 'day', minutes_per_call: 30, provider_org_id: hcp,
    weekly_cost_pence: 12345, accountable_org_id: scc } });
  assert.equal(task.status, 201, task.text);
  carePlan = task.json;
  const c = fhir['sw.jones'];
  const before_ = audits(annId);
  const cp = valid(await c.read({ resourceType: 'CarePlan', id: made.json.id }));
  assert.equal(audits(annId), before_ + 1, 'the read is audited');
  assert.equal(cp.meta.profile[0], 'http://hl7.org/fhir/StructureDefinition/CarePlan');
  assert.equal(cp.status, 'draft');
  assert.equal(cp.intent, 'plan');
  assert.equal(cp.subject.reference, `Patient/${annId}`);
  assert.equal(cp.description, 'Needs help washing');
  assert.equal(cp.note[0].text, 'Stay at home safely');
  assert.equal(cp.period.start, TODAY);
  assert.equal(cp.activity.length, 1);
  const d = cp.activity[0].detail;
  assert.equal(d.code.text, 'Personal care');
  assert.equal(d.status, 'not-started');
  assert.equal(d.scheduledString, '2 calls a day, 30 minutes each');
  assert.match(d.performer[0].display, /Homecare/);
  assert.match(d.description, /Social care task; accountable organisation: Shire County Council/);
  const b = valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: `Patient/${annId}` } }));
  assert.equal(b.entry.length, 1);
  assert.deepEqual(b.entry[0].resource, cp);
  assert.equal(valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: annId, status: 'active' } })).entry.length, 0);
  assert.equal((await refused(fhir['rn.patel'].read({ resourceType: 'CarePlan', id: cp.id }))).status, 403);
  assert.equal((await refused(c.read({ resourceType: 'CarePlan', id: 'nope' }))).status, 404);
  assert.equal((await refused(c.search({ resourceType: 'CarePlan', searchParams: {} }))).status, 400);
  assert.equal((await refused(c.search({ resourceType: 'CarePlan', searchParams: { patient: annId, goal: 'x' } }))).status, 400);
});

test('searches of one person\'s resources page: _count, total, a next link that leads on, the status filter before paging', async () => {
  const token = t['sw.jones'];
  for (const needs of ['Second plan', 'Third plan']) {
    const r = await srv.api('POST', `/api/v1/persons/${annId}/plans`, { token, body: {
      needs, outcomes: 'Stay at home', start_on: TODAY, review_on: addDays(TODAY, 90) } });
    assert.equal(r.status, 201, r.text);
  }
  const c = fhir['sw.jones'];
  const all = valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: annId } }));
  assert.equal(all.total, 3);
  assert.equal(all.entry.length, 3);
  const first = valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: annId, _count: 2 } }));
  assert.equal(first.total, 3);
  assert.equal(first.entry.length, 2);
  const next = first.link.find((l) => l.relation === 'next');
  assert.ok(next, JSON.stringify(first.link));
  const cursor = new URL(next.url, 'http://x/').searchParams.get('_cursor');
  const second = valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: annId, _count: 2, _cursor: cursor } }));
  assert.equal(second.entry.length, 1);
  assert.equal(second.link.find((l) => l.relation === 'next'), undefined);
  const ids = [...first.entry, ...second.entry].map((e) => e.resource.id);
  assert.deepEqual([...ids].sort(), all.entry.map((e) => e.resource.id).sort());
  const drafts = valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: annId, status: 'draft', _count: 1 } }));
  assert.equal(drafts.total, 3);
  assert.equal(drafts.entry.length, 1);
  // A cursor that is not a position from us starts at the beginning.
  assert.equal(valid(await c.search({ resourceType: 'CarePlan', searchParams: { patient: annId, _count: 2, _cursor: '-5' } })).entry.length, 2);
  // The directory searches page the same way.
  for (const type of ['Organization', 'Practitioner', 'PractitionerRole']) {
    const page = valid(await c.search({ resourceType: type, searchParams: { _count: 1, _cursor: '-1' } }));
    assert.equal(page.entry.length, 1, type);
    assert.ok(page.total > 1, `${type} total ${page.total}`);
    assert.ok(page.link.some((l) => l.relation === 'next'), type);
  }
});

test('Task: who does a plan\'s task, with the accountable organisation; read and searched by patient; audited', async () => {
  const hcp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'HCP'");
  const r = await srv.api('POST', `/api/v1/plans/${carePlan.id}/tasks/${carePlan.tasks[0].id}/assignments`, {
    token: t['sw.jones'], body: { version: carePlan.version, worker_name: 'Kim Carer', worker_org_id: hcp,
                                  from_on: TODAY, to_on: addDays(TODAY, 30) } });
  assert.equal(r.status, 201, r.text);
  const c = fhir['sw.jones'];
  const b = valid(await c.search({ resourceType: 'Task', searchParams: { patient: `Patient/${annId}` } }));
  assert.equal(b.entry.length, 1);
  const task = b.entry[0].resource;
  assert.equal(task.meta.profile[0], 'http://hl7.org/fhir/StructureDefinition/Task');
  assert.equal(task.status, 'in-progress');
  assert.equal(task.intent, 'order');
  assert.equal(task.code.text, 'Personal care');
  assert.equal(task.for.reference, `Patient/${annId}`);
  assert.equal(task.basedOn[0].reference, `CarePlan/${carePlan.id}`);
  assert.deepEqual(task.executionPeriod, { start: TODAY, end: addDays(TODAY, 30) });
  assert.match(task.owner.display, /^Kim Carer, Homecare Partners/);
  assert.match(task.requester.display, /^Shire County Council/);
  const before_ = audits(annId);
  assert.deepEqual(valid(await c.read({ resourceType: 'Task', id: task.id })), task);
  assert.equal(audits(annId), before_ + 1, 'the read is audited');
  assert.equal(valid(await c.search({ resourceType: 'Task', searchParams: { patient: annId, status: 'completed' } })).entry.length, 0);
  assert.equal((await refused(fhir['rn.patel'].read({ resourceType: 'Task', id: task.id }))).status, 403);
  assert.equal((await refused(c.read({ resourceType: 'Task', id: 'nope' }))).status, 404);
  assert.equal((await refused(c.search({ resourceType: 'Task', searchParams: { owner: 'x', patient: annId } }))).status, 400);
});

test('EpisodeOfCare: the teams involved with a person (caseload entries), searched by patient', async () => {
  const c = fhir['sw.jones'];
  const b = valid(await c.search({ resourceType: 'EpisodeOfCare', searchParams: { patient: `Patient/${annId}` } }));
  assert.equal(b.entry.length, 1);
  const e = b.entry[0].resource;
  assert.equal(e.status, 'active');
  assert.equal(e.patient.reference, `Patient/${annId}`);
  assert.match(e.team[0].display, /North/);
  assert.equal(e.period.start, sql(srv.db, `SELECT opened_on FROM caseloads WHERE person_id = '${annId}'`));
  assert.equal(valid(await c.search({ resourceType: 'EpisodeOfCare', searchParams: { patient: annId, status: 'finished' } })).entry.length, 0);
  assert.equal((await refused(fhir['rn.patel'].search({ resourceType: 'EpisodeOfCare', searchParams: { patient: annId } }))).status, 403);
  // Read by id: the same resource, an audited read of the person; refused without a relationship; 404 for none.
  const before_ = audits(annId);
  const read = valid(await c.read({ resourceType: 'EpisodeOfCare', id: e.id }));
  assert.deepEqual(read, e);
  assert.equal(audits(annId), before_ + 1);
  assert.equal((await refused(fhir['rn.patel'].read({ resourceType: 'EpisodeOfCare', id: e.id }))).status, 403);
  assert.equal((await refused(c.read({ resourceType: 'EpisodeOfCare', id: 'nope' }))).status, 404);
});

// FHIR Bulk Data $export: asynchronous kick-off, polling with X-Progress and
// Retry-After, the manifest, NDJSON files (every line a valid resource), only
// the people the requester may see (each audited), _type and _since, Group
// export of a team's caseload, cancelling, files that expire, and a job cut
// short by a server stop run again at the next start — never half a manifest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'fhir-kit-client';
import { startServer, sql, NOW, CLOCK_ENV, addDays } from './harness.mjs';
import { valid, NHS_NUMBER, NHS_VERIFICATION_EXT } from './fhir_schema.mjs';

let srv, t, exportDir;
const args = () => ['--export-dir', exportDir];

before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  exportDir = path.join(dir, 'exports');
  srv = await startServer({ dir, args: args() });
  t = {};
  for (const u of ['sw.jones', 'admin', 'rn.patel']) t[u] = srv.token(u);
  // A council social worker in another team of the same organisation.
  const r = await srv.api('POST', '/api/v1/users', { token: t.admin, body: { username: 'sw.south', display_name: 'Sue South',
    role: 'practitioner', profession: 'social_worker', password: 'another-long-password', teams: ['ILT-SOUTH'] } });
  assert.equal(r.status, 201, r.text);
  t['sw.south'] = srv.token('sw.south');
});
after(async () => { await srv.stop(); srv.cleanup(); });

async function call(method, p, { token = t['sw.jones'], headers = {} } = {}) {
  const res = await fetch(p.startsWith('http') ? p : `${srv.base}/fhir/R4/${p}`, { method, headers: { Authorization: `Bearer ${token}`, ...headers } });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* NDJSON or empty */ }
  return { status: res.status, headers: res.headers, text, json };
}

const kickOff = (p, token) => call('GET', p, { token, headers: { Prefer: 'respond-async', Accept: 'application/fhir+json' } });

// Polls until the manifest (or another final answer); every 202 carries progress.
async function finished(location, token) {
  for (let i = 0; i < 100; i++) {
    const r = await call('GET', location, { token });
    if (r.status !== 202) return r;
    assert.ok(r.headers.get('x-progress'), 'a 202 says how far it got');
    assert.equal(r.headers.get('retry-after'), '1');
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.fail('the export did not finish');
}

async function ndjson(url, token = t['sw.jones']) {
  const r = await call('GET', url, { token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'application/fhir+ndjson');
  return r.text.split('\n').filter(Boolean).map((l) => valid(JSON.parse(l)));
}

const people = {};
test('setup: people on two teams\' caseloads, one with a referral', async () => {
  const mk = (token, family) => new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: token }).create({ resourceType: 'Patient',
    body: { resourceType: 'Patient', name: [{ family, given: ['Alex'] }], gender: 'unknown', birthDate: '1944-04-04' } });
  for (const f of ['North1', 'North2', 'North3']) people[f] = (await mk(t['sw.jones'], f)).id;
  people.South1 = (await mk(t['sw.south'], 'South1')).id;
  const ref = await srv.api('POST', '/api/v1/referrals', { token: t['sw.jones'], body: { person_id: people.North1, source: 'self',
    reason: 'Needs help at home', urgency: 'routine', consent: 'given' } });
  assert.equal(ref.status, 201, ref.text);
  // Break-glass beside a relationship (North3) does not hide a person; break-glass alone (South1) never exports one.
  for (const id of [people.North3, people.South1]) {
    const bg = await srv.api('POST', `/api/v1/persons/${id}/break-glass`, { token: t['sw.jones'], body: { reason: 'Out of hours concern' } });
    assert.equal(bg.status, 201, bg.text);
  }
  // A traced number whose details conflict: the export carries the stored status, as a read does.
  sql(srv.db, `UPDATE persons SET nhs_number = '9990001235', nhs_number_status = '05' WHERE id = '${people.North2}'`);
});

test('kick-off refusals: not async, an unknown _type, a bad _since, a team one is not in', async () => {
  const plain = await call('GET', '$export');
  assert.equal(plain.status, 400);
  assert.match(plain.json.issue[0].diagnostics, /respond-async/);
  const type = await kickOff('$export?_type=Patient,Encounter');
  assert.equal(type.status, 400);
  assert.deepEqual(type.json.issue[0].expression, ['_type']);
  assert.equal((await kickOff('Patient/$export?_type=Organization')).status, 400, 'not in the Patient compartment');
  const since = await kickOff('$export?_since=yesterday');
  assert.equal(since.status, 422);
  assert.deepEqual(since.json.issue[0].expression, ['_since']);
  const south = sql(srv.db, "SELECT id FROM teams WHERE code = 'ILT-SOUTH'");
  assert.equal((await kickOff(`Group/${south}/$export`)).status, 403);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM fhir_export_jobs'), '0', 'nothing queued');
});

let manifest, jobId;
test('a system export: 202 and Content-Location, then the manifest and valid NDJSON of only the people one may see', async () => {
  const k = await kickOff('$export');
  assert.equal(k.status, 202, k.text);
  const location = k.headers.get('content-location');
  assert.match(location, /\$export-poll-status\//);
  jobId = location.split('/').pop();
  const done = await finished(location);
  assert.equal(done.status, 200, done.text);
  manifest = done.json;
  assert.equal(manifest.requiresAccessToken, true);
  assert.match(manifest.request, /\$export$/);
  assert.deepEqual(manifest.output.map((o) => o.type).sort(), ['Organization', 'Patient', 'ServiceRequest']);
  const file = (type) => manifest.output.find((o) => o.type === type);
  const patients = await ndjson(file('Patient').url);
  assert.deepEqual(patients.map((p) => p.id).sort(), [people.North1, people.North2, people.North3].sort());
  assert.equal(file('Patient').count, 3);
  const nhs = patients.find((p) => p.id === people.North2).identifier.find((i) => i.system === NHS_NUMBER);
  assert.equal(nhs.value, '9990001235');
  assert.deepEqual(nhs.extension.find((e) => e.url === NHS_VERIFICATION_EXT).valueCodeableConcept.coding.map((c) => c.code), ['05']);
  const read = await new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: t['sw.jones'] }).read({ resourceType: 'Patient', id: people.North2 });
  assert.deepEqual(read.identifier, patients.find((p) => p.id === people.North2).identifier, 'the export and a read agree');
  const refs = await ndjson(file('ServiceRequest').url);
  assert.deepEqual(refs.map((r) => r.subject.reference), [`Patient/${people.North1}`]);
  const orgs = await ndjson(file('Organization').url);
  assert.equal(orgs.length, Number(sql(srv.db, 'SELECT count(*) FROM organisations')));
  // Every person exported is audited with the basis; the job's start and end too.
  for (const id of [people.North1, people.North2, people.North3]) {
    assert.ok(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${id}' AND action = 'read' AND basis = 'relationship' AND request_id = 'export'`)) >= 1);
  }
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE person_id = '${people.South1}' AND request_id = 'export'`), '0');
  assert.equal(sql(srv.db, `SELECT action FROM audit_trail WHERE resource_type = 'fhir_export' AND resource_id = '${jobId}' ORDER BY seq`)
    .split('\n').join(','), 'create,completed');
});

test('POST kick-off with a Parameters resource: the same job as GET; unknown or malformed parameters are 400 naming them', async () => {
  const post = (p, body, extra = {}) => fetch(`${srv.base}/fhir/R4/${p}`, { method: 'POST', headers: {
    Authorization: `Bearer ${t['sw.jones']}`, Prefer: 'respond-async', Accept: 'application/fhir+json',
    'Content-Type': 'application/fhir+json', ...extra }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, headers: r.headers, json: JSON.parse((await r.text()) || 'null') }));
  const params = (...ps) => ({ resourceType: 'Parameters', parameter: ps });
  const jobs = () => sql(srv.db, 'SELECT count(*) FROM fhir_export_jobs');
  const before_ = jobs();
  const k = await post('Patient/$export', params({ name: '_type', valueString: 'Patient' },
                                                 { name: '_outputFormat', valueString: 'application/fhir+ndjson' }));
  assert.equal(k.status, 202, JSON.stringify(k.json));
  const done = await finished(k.headers.get('content-location'));
  assert.equal(done.status, 200);
  assert.deepEqual(done.json.output.map((o) => o.type), ['Patient']);
  assert.match(done.json.request, /Patient\/\$export$/);
  const patients = await ndjson(done.json.output[0].url);
  assert.deepEqual(patients.map((p) => p.id).sort(), [people.North1, people.North2, people.North3].sort());
  const unknown = await post('$export', params({ name: 'includeAssociatedData', valueString: 'x' }));
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.issue[0].diagnostics, /includeAssociatedData/);
  assert.deepEqual(unknown.json.issue[0].expression, ['Parameters.parameter[0]']);
  const noValue = await post('$export', params({ name: '_since', valueString: '2026-01-01' }));
  assert.equal(noValue.status, 400, 'a _since needs valueInstant');
  const notParams = await post('$export', { resourceType: 'Patient' });
  assert.equal(notParams.status, 400);
  const badType = await post('Patient/$export', params({ name: '_type', valueString: 'Organization' }));
  assert.equal(badType.status, 400);
  assert.equal(jobs(), String(Number(before_) + 1), 'only the good kick-off queued a job');
});

test('the files are the requester\'s: another user and no token are refused', async () => {
  const url = manifest.output[0].url;
  assert.equal((await call('GET', url, { token: t['sw.south'] })).status, 404);
  assert.equal((await call('GET', `$export-poll-status/${jobId}`, { token: t['sw.south'] })).status, 404);
  assert.equal((await fetch(url)).status, 401);
  assert.equal((await call('GET', `$export-file/${jobId}/Secrets.ndjson`)).status, 404);
});

test('_type and _since narrow the export; Group exports a team\'s caseload', async () => {
  const only = await finished((await kickOff('Patient/$export?_type=ServiceRequest')).headers.get('content-location'));
  assert.deepEqual(only.json.output.map((o) => o.type), ['ServiceRequest']);
  const later = await finished((await kickOff(`Patient/$export?_since=${addDays(NOW.slice(0, 10), 1)}T00:00:00Z`)).headers.get('content-location'));
  assert.equal(later.status, 200);
  assert.deepEqual(later.json.output, [], 'nothing changed since: an empty output');
  const north = sql(srv.db, "SELECT id FROM teams WHERE code = 'ILT-NORTH'");
  const g = await finished((await kickOff(`Group/${north}/$export?_type=Patient`)).headers.get('content-location'));
  const ids = (await ndjson(g.json.output[0].url)).map((p) => p.id).sort();
  assert.deepEqual(ids, [people.North1, people.North2, people.North3].sort());
  const southG = sql(srv.db, "SELECT id FROM teams WHERE code = 'ILT-SOUTH'");
  const s = await finished((await kickOff(`Group/${southG}/$export?_type=Patient`, t['sw.south'])).headers.get('content-location'), t['sw.south']);
  assert.deepEqual((await ndjson(s.json.output[0].url, t['sw.south'])).map((p) => p.identifier?.find((i) => i.system === NHS_NUMBER) ?? p.id), [people.South1]);
});

test('DELETE cancels: the status is gone and the files are deleted', async () => {
  const r = await call('DELETE', `$export-poll-status/${jobId}`);
  assert.equal(r.status, 202);
  assert.equal((await call('GET', `$export-poll-status/${jobId}`)).status, 404);
  for (let i = 0; i < 50 && existsSync(path.join(exportDir, jobId)); i++) await new Promise((res) => setTimeout(res, 100));
  assert.ok(!existsSync(path.join(exportDir, jobId)), 'its files are deleted');
  assert.equal((await call('DELETE', `$export-poll-status/${jobId}`)).status, 404);
});

test('a job cut short by a stop is run again from the start at the next start; no half files remain', async () => {
  await srv.stop();
  const user = sql(srv.db, "SELECT id FROM users WHERE username = 'sw.jones'");
  const org = sql(srv.db, `SELECT org_id FROM users WHERE id = '${user}'`);
  sql(srv.db, `INSERT INTO fhir_export_jobs (id, user_id, org_id, role, kind, types, request, status, progress, created_at)
               VALUES ('cutshort', '${user}', '${org}', 'practitioner', 'system', 'Patient', 'http://x/fhir/R4/$export',
               'running', '500 people exported', '${NOW}')`);
  mkdirSync(path.join(exportDir, 'cutshort'), { recursive: true });
  writeFileSync(path.join(exportDir, 'cutshort', 'Patient.ndjson.part'), '{"resourceType":"Patient","id":"half');
  srv = await startServer({ db: srv.db, dir: srv.dir, args: args() });
  const done = await finished('$export-poll-status/cutshort');
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.output[0].count, 3);
  assert.deepEqual(readdirSync(path.join(exportDir, 'cutshort')), ['Patient.ndjson']);
  assert.equal((await ndjson(done.json.output[0].url)).length, 3);
  assert.match(srv.log(), /queued again/);
});

test('many pages (one person a page): the same people, each page audited in an entry of its own', async () => {
  await srv.stop();
  srv = await startServer({ db: srv.db, dir: srv.dir, args: args(), env: { ...CLOCK_ENV, SEAMLESS_EXPORT_PAGE: '1' } });
  const entries = () => Number(sql(srv.db, "SELECT count(DISTINCT seq) FROM audit_trail WHERE request_id = 'export' AND action = 'read' AND resource_type = 'person'"));
  const before = entries();
  const k = await kickOff('$export?_type=Patient,ServiceRequest');
  assert.equal(k.status, 202, k.text);
  const done = await finished(k.headers.get('content-location'));
  assert.equal(done.status, 200, done.text);
  const file = (type) => done.json.output.find((o) => o.type === type);
  const patients = await ndjson(file('Patient').url);
  assert.deepEqual(patients.map((p) => p.id).sort(), [people.North1, people.North2, people.North3].sort());
  assert.equal(file('Patient').count, 3);
  assert.deepEqual((await ndjson(file('ServiceRequest').url)).map((r) => r.subject.reference), [`Patient/${people.North1}`]);
  // The people's pages (South1's has no one released and no entry): one entry each (referrals have their own).
  assert.equal(entries() - before, 3);
});

test('files expire: a server two days on deletes them and the status is gone', async () => {
  const k = await kickOff('$export?_type=Patient');
  const loc = k.headers.get('content-location');
  const id = loc.split('/').pop();
  assert.equal((await finished(loc)).status, 200);
  assert.ok(existsSync(path.join(exportDir, id)));
  await srv.stop();
  const later = new Date(Date.parse(NOW) + 2 * 86400000).toISOString();
  srv = await startServer({ db: srv.db, dir: srv.dir, args: args(), env: { ...CLOCK_ENV, SEAMLESS_NOW: later } });
  for (let i = 0; i < 50 && existsSync(path.join(exportDir, id)); i++) await new Promise((res) => setTimeout(res, 100));
  assert.ok(!existsSync(path.join(exportDir, id)));
  assert.equal((await call('GET', `$export-poll-status/${id}`)).status, 404);
});

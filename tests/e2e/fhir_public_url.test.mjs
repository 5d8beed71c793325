// FHIR behind a proxy: `serve --public-url` is the base of every link the
// server gives (Bundle links and fullUrl, Location, the $export's
// Content-Location and manifest, the CapabilityStatement, the canonical URLs
// of Seamless's own code systems — names, which the server does not claim
// to serve), whatever Host the request came with; a bad value stops the
// server at start. Without it the base follows Host
// (fhir.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'fhir-kit-client';
import { startServer, cli } from './harness.mjs';
import { valid } from './fhir_schema.mjs';

const PUBLIC = 'https://care.example.org/seamless';
const FHIR = `${PUBLIC}/fhir/R4`;
let srv, token;

before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  srv = await startServer({ dir, args: ['--public-url', PUBLIC, '--export-dir', path.join(dir, 'exports')] });
  token = srv.token('sw.jones');
});
after(async () => { await srv.stop(); srv.cleanup(); });

// A public link, fetched from the server the test talks to.
const local = (url) => {
  assert.ok(url.startsWith(FHIR + '/'), `${url} is under ${FHIR}`);
  return `${srv.base}/fhir/R4/${url.slice(FHIR.length + 1)}`;
};

async function call(method, url, { headers = {}, body } = {}) {
  const res = await fetch(url, { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json',
    ...(body ? { 'Content-Type': 'application/fhir+json' } : {}), ...headers }, body: body && JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* NDJSON */ }
  return { status: res.status, headers: res.headers, json, text };
}

let ids = [];
test('Location and Bundle links carry the public base, not the Host', async () => {
  const client = new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: token });
  for (const family of ['Public1', 'Public2', 'Public3']) {
    const r = await call('POST', `${srv.base}/fhir/R4/Patient`, { headers: { Prefer: 'return=minimal' },
      body: { resourceType: 'Patient', name: [{ family, given: ['Pat'] }], gender: 'unknown', birthDate: '1944-04-04' } });
    assert.equal(r.status, 201, r.text);
    const loc = r.headers.get('location');
    assert.match(loc, new RegExp(`^${FHIR}/Patient/(?:[0-9a-f]{24}){1,2}/_history/1$`));
    ids.push(loc.split('/')[loc.split('/').length - 3]);
  }
  const page = valid(await client.search({ resourceType: 'Patient', searchParams: { family: 'Public1', birthdate: '1944-04-04' } }));
  assert.equal(page.entry.length, 1);
  assert.equal(page.entry[0].fullUrl, `${FHIR}/Patient/${ids[0]}`);
  const self = page.link.find((l) => l.relation === 'self');
  assert.ok(self.url.startsWith(`${FHIR}/Patient?`), self.url);
  // A next link leads on when followed on the server itself.
  const first = await call('GET', `${srv.base}/fhir/R4/Patient?_count=1&birthdate=1944-04-04&family=Public2`);
  assert.equal(first.status, 200, first.text);
  for (const l of first.json.link) assert.ok(l.url.startsWith(FHIR + '/'), l.url);
});

test('the CapabilityStatement and Seamless\'s own code systems are under the public base', async () => {
  const cap = await call('GET', `${srv.base}/fhir/R4/metadata`);
  assert.equal(cap.status, 200);
  assert.equal(cap.json.implementation.url, FHIR);
  const ref = await srv.api('POST', '/api/v1/referrals', { token, body: { person_id: ids[0], source: 'self',
    reason: 'Needs help at home', urgency: 'routine', consent: 'given' } });
  assert.equal(ref.status, 201, ref.text);
  const sr = await call('GET', `${srv.base}/fhir/R4/ServiceRequest?patient=${ids[0]}`);
  assert.equal(sr.status, 200, sr.text);
  const text = JSON.stringify(sr.json.entry[0].resource);
  assert.match(text, new RegExp(`"${FHIR}/CodeSystem/referral-source"`));
  assert.ok(!text.includes(srv.base), 'no link names the address the request came to');
  // Those are canonical names, not resources this server claims to serve:
  // the CapabilityStatement lists neither type and a read says so.
  const types = cap.json.rest[0].resource.map((r) => r.type);
  assert.ok(!types.includes('CodeSystem') && !types.includes('StructureDefinition'), types.join());
  for (const p of ['CodeSystem/referral-source', 'StructureDefinition/referral-consent']) {
    const r = await call('GET', local(`${FHIR}/${p}`));
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.issue[0].code, 'not-supported');
  }
});

test('$export: Content-Location, the manifest\'s request and file URLs are public ones', async () => {
  const k = await call('GET', `${srv.base}/fhir/R4/$export?_type=Patient`, { headers: { Prefer: 'respond-async' } });
  assert.equal(k.status, 202, k.text);
  const poll = local(k.headers.get('content-location'));
  let r;
  for (let i = 0; i < 100; i++) {
    r = await call('GET', poll);
    if (r.status !== 202) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.request.startsWith(`${FHIR}/$export`), r.json.request);
  assert.equal(r.json.output.length, 1);
  const file = await call('GET', local(r.json.output[0].url));
  assert.equal(file.status, 200);
  const lines = file.text.split('\n').filter(Boolean).map((l) => valid(JSON.parse(l)));
  assert.deepEqual(lines.map((p) => p.id).filter((id) => ids.includes(id)).sort(), [...ids].sort());
});

test('a --public-url that is not an http(s) origin stops the server with a message', () => {
  for (const bad of ['care.example.org', 'https://care.example.org/', 'https://care.example.org?x=1', 'ftp://x', 'https://']) {
    const r = cli(['serve', '--db', srv.db, '--listen', '127.0.0.1:0', '--public-url', bad]);
    assert.equal(r.status, 2, `${bad}: ${r.stderr}`);
    assert.match(r.stderr, /--public-url must be/);
  }
});

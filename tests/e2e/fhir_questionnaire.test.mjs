// FHIR Questionnaire through a real FHIR client (fhir-kit-client): the
// forms Seamless serves — the Care Act assessment (adult, carer), the CHC
// Checklist and the DST — built from the domain rules' tables; each valid
// R4 (fhir_schema.mjs); read and searched by url and name; each item's
// linkId is the JSON API's field, so the answers a form asks for are the
// ones the API takes (checked here by sending them to the API).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'fhir-kit-client';
import { startServer, sql, TODAY } from './harness.mjs';
import { valid } from './fhir_schema.mjs';

let srv, c;
const IDS = ['care-act-adult', 'care-act-carer', 'chc-checklist', 'chc-dst'];
const leaves = (items) => items.flatMap((i) => (i.type === 'group' ? leaves(i.item) : [i]));

before(async () => {
  srv = await startServer();
  c = new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: srv.token('sw.jones') });
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('each form is read by id: canonical url under this server, active, answer options coded', async () => {
  for (const id of IDS) {
    const q = valid(await c.read({ resourceType: 'Questionnaire', id }));
    assert.equal(q.url, `${srv.base}/fhir/R4/Questionnaire/${id}`);
    assert.equal(q.status, 'active');
    assert.deepEqual(q.subjectType, ['Patient']);
    const ids = leaves(q.item).map((i) => i.linkId);
    assert.equal(new Set(ids).size, ids.length, `${id}: linkIds are unique`);
    for (const i of leaves(q.item).filter((x) => x.type === 'choice')) {
      assert.ok(i.answerOption.length > 0);
      for (const o of i.answerOption) assert.ok(o.valueCoding.system.startsWith(`${srv.base}/fhir/R4/CodeSystem/`));
    }
  }
  const dst = await c.read({ resourceType: 'Questionnaire', id: 'chc-dst' });
  const levels = (k) => leaves(dst.item).find((i) => i.linkId === `domains.${k}`).answerOption.map((o) => o.valueCoding.code);
  assert.deepEqual(levels('breathing'), ['no', 'low', 'moderate', 'high', 'severe', 'priority']);
  assert.ok(!levels('continence').includes('severe') && !levels('continence').includes('priority'), 'a level a domain lacks is not offered');
  const carer = await c.read({ resourceType: 'Questionnaire', id: 'care-act-carer' });
  const grounds = leaves(carer.item).find((i) => i.linkId.startsWith('outcomes.')).answerOption.map((o) => o.valueCoding.code);
  assert.ok(!grounds.includes('significantly_longer'), 'carers have no "significantly longer" ground');
  const missing = await c.read({ resourceType: 'Questionnaire', id: 'nope' }).catch((e) => e.response);
  assert.equal(missing.status, 404);
});

test('search by url and by name', async () => {
  const all = valid(await c.search({ resourceType: 'Questionnaire', searchParams: {} }));
  assert.deepEqual(all.entry.map((e) => e.resource.id), IDS);
  const one = valid(await c.search({ resourceType: 'Questionnaire', searchParams: { url: `${srv.base}/fhir/R4/Questionnaire/chc-checklist` } }));
  assert.deepEqual(one.entry.map((e) => e.resource.id), ['chc-checklist']);
  const named = valid(await c.search({ resourceType: 'Questionnaire', searchParams: { name: 'careact' } }));
  assert.deepEqual(named.entry.map((e) => e.resource.id), ['care-act-adult', 'care-act-carer']);
  const bad = await c.search({ resourceType: 'Questionnaire', searchParams: { title: 'x' } }).catch((e) => e.response);
  assert.equal(bad.status, 400);
});

test('the Checklist form asks what the JSON API takes: its answers make a Checklist there', async () => {
  const q = await c.read({ resourceType: 'Questionnaire', id: 'chc-checklist' });
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', nhs_number: '9434765919' } });
  assert.equal(p.status, 201, p.text);
  const domains = Object.fromEntries(leaves(q.item).filter((i) => i.linkId.startsWith('domains.'))
    .map((i) => [i.linkId.slice('domains.'.length), i.answerOption.at(-1).valueCoding.code]));
  const setting = leaves(q.item).find((i) => i.linkId === 'setting').answerOption[0].valueCoding.code;
  const r = await srv.api('POST', `/api/v1/persons/${p.json.id}/chc/checklists`, { token: srv.token('sw.jones'),
    body: { completed_on: TODAY, setting, domains } });
  assert.equal(r.status, 201, r.text);
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM chc_checklists WHERE person_id = '${p.json.id}'`)), 1);
});

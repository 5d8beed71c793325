// FHIR QuestionnaireResponse through a real FHIR client (fhir-kit-client):
// Care Act assessments and CHC Checklists answered against Seamless's own
// Questionnaires — created, read, searched by patient and (a Care Act
// draft) updated through the same services as the JSON API, so the same
// rules (a refused answer is a 422 naming its item; nothing stored), access
// and audit; each resource valid R4 (fhir_schema.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'fhir-kit-client';
import { startServer, sql, TODAY } from './harness.mjs';
import { valid, refused, registerPerson } from './fhir_schema.mjs';

let srv, c, person, base;
const client = (user) => new Client({ baseUrl: `${srv.base}/fhir/R4`, bearerToken: srv.token(user) });
const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE person_id = '${person}'`));
const at = (link) => `QuestionnaireResponse.item.where(linkId='${link}')`;
const coding = (cs, code) => ({ valueCoding: { system: `${base}/CodeSystem/${cs}`, code } });

function checklist(levels) {
  const domains = ['breathing', 'nutrition', 'continence', 'skin', 'mobility', 'communication', 'psychological',
    'cognition', 'behaviour', 'drug_therapies', 'altered_states'];
  return { resourceType: 'QuestionnaireResponse', questionnaire: `${base}/Questionnaire/chc-checklist`, status: 'completed',
    subject: { reference: `Patient/${person}` }, item: [
      { linkId: 'completed_on', answer: [{ valueDate: TODAY }] },
      { linkId: 'setting', answer: [coding('care-setting', 'home')] },
      { linkId: 'domains', item: domains.map((d) => ({ linkId: `domains.${d}`, answer: [coding('chc-checklist-level', levels[d] ?? 'C')] })) }] };
}

const adult = (nutrition) => ({ resourceType: 'QuestionnaireResponse', questionnaire: `${base}/Questionnaire/care-act-adult`,
  status: 'in-progress', subject: { reference: `Patient/${person}` }, item: [
    { linkId: 'impairment_or_illness', answer: [{ valueBoolean: true }] },
    { linkId: 'outcomes', item: [{ linkId: 'outcomes.nutrition', answer: nutrition.map((g) => coding('care-act-ground', g)) },
      { linkId: 'outcomes.hygiene' }] }] });

before(async () => {
  srv = await startServer();
  base = `${srv.base}/fhir/R4`;
  c = client('sw.jones');
  person = await registerPerson(srv);
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('a CHC Checklist is recorded from its answers: the rule decides, the read gives them back; audited', async () => {
  const created = valid(await c.create({ resourceType: 'QuestionnaireResponse', body: checklist({ breathing: 'A' }) }));
  assert.equal(created.status, 'completed');
  assert.equal(sql(srv.db, `SELECT outcome FROM chc_checklists WHERE id = '${created.id}'`), 'positive', 'an A in breathing');
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM audit_log WHERE action = 'create' AND resource_id = '${created.id}'`)), 1);
  const read = valid(await c.read({ resourceType: 'QuestionnaireResponse', id: created.id }));
  assert.deepEqual(read, created);
  const breathing = read.item.find((i) => i.linkId === 'domains').item.find((i) => i.linkId === 'domains.breathing');
  assert.equal(breathing.answer[0].valueCoding.code, 'A');
  // The JSON API's rules, naming the item; nothing stored.
  const before_ = count('chc_checklists');
  const bad = await refused(c.create({ resourceType: 'QuestionnaireResponse', body: checklist({ skin: 'Z' }) }));
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.outcome.issue.map((i) => i.expression[0]), [at('domains.skin')]);
  const odd = await refused(c.create({ resourceType: 'QuestionnaireResponse', body: { ...checklist({}), item: [
    ...checklist({}).item, { linkId: 'shoe_size', answer: [{ valueInteger: 9 }] }] } }));
  assert.equal(odd.status, 400);
  assert.deepEqual(odd.outcome.issue[0].expression, [at('shoe_size')]);
  const form = await refused(c.create({ resourceType: 'QuestionnaireResponse', body: { ...checklist({}), questionnaire: 'http://elsewhere/Questionnaire/x' } }));
  assert.equal(form.status, 422);
  assert.equal(count('chc_checklists'), before_, 'nothing stored by a refused request');
  // Recorded is final.
  const again = await refused(c.update({ resourceType: 'QuestionnaireResponse', id: created.id, body: created,
    options: { headers: { 'If-Match': `W/"${created.meta.versionId}"` } } }));
  assert.equal(again.status, 422);
});

test('a Care Act assessment: a draft created with its answers (all or nothing), then its answers updated with If-Match', async () => {
  const before_ = count('care_act_assessments');
  const bad = await refused(c.create({ resourceType: 'QuestionnaireResponse', body: adult(['flying']) }));
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.outcome.issue.map((i) => i.expression[0]), [at('outcomes.nutrition')]);
  assert.equal(count('care_act_assessments'), before_, 'no draft left behind');
  const draft = valid(await c.create({ resourceType: 'QuestionnaireResponse', body: adult(['without_assistance']) }));
  assert.equal(draft.status, 'in-progress');
  assert.equal(count('care_act_assessments'), before_ + 1);
  const outcomes = draft.item.find((i) => i.linkId === 'outcomes').item;
  assert.deepEqual(outcomes.find((i) => i.linkId === 'outcomes.nutrition').answer.map((a) => a.valueCoding.code), ['without_assistance']);
  assert.equal(outcomes.find((i) => i.linkId === 'outcomes.hygiene').answer, undefined, 'can achieve it: no answer');
  const changed = { ...draft, item: [...draft.item, { linkId: 'significant_impact', answer: [{ valueBoolean: true }] }] };
  const put = (body, v) => c.update({ resourceType: 'QuestionnaireResponse', id: draft.id, body, options: { headers: { 'If-Match': `W/"${v}"` } } });
  const v2 = valid(await put(changed, draft.meta.versionId));
  assert.equal(Number(v2.meta.versionId), Number(draft.meta.versionId) + 1);
  assert.equal(v2.item.find((i) => i.linkId === 'significant_impact').answer[0].valueBoolean, true);
  assert.equal((await refused(put(changed, draft.meta.versionId))).status, 412);
  assert.equal((await refused(put({ ...v2, status: 'completed' }, v2.meta.versionId))).status, 422);
});

test('search by patient (and form); no relationship, no answers', async () => {
  const all = valid(await c.search({ resourceType: 'QuestionnaireResponse', searchParams: { patient: `Patient/${person}` } }));
  assert.equal(all.total, count('chc_checklists') + count('care_act_assessments'));
  const one = valid(await c.search({ resourceType: 'QuestionnaireResponse', searchParams: { patient: person, questionnaire: 'chc-checklist' } }));
  assert.ok(one.entry.every((e) => e.resource.questionnaire.endsWith('/chc-checklist')));
  assert.equal(one.entry.length, count('chc_checklists'));
  const drafts = valid(await c.search({ resourceType: 'QuestionnaireResponse', searchParams: { patient: person, status: 'in-progress' } }));
  assert.equal(drafts.entry.length, count('care_act_assessments'));
  const other = client('rn.patel');
  assert.equal((await refused(other.search({ resourceType: 'QuestionnaireResponse', searchParams: { patient: person } }))).status, 403);
  assert.equal((await refused(other.read({ resourceType: 'QuestionnaireResponse', id: one.entry[0].resource.id }))).status, 403);
  assert.equal((await refused(c.read({ resourceType: 'QuestionnaireResponse', id: 'nope' }))).status, 404);
});

test('a DST: a positive Checklist sent to the ICB opens the case; the DST saved in progress, then completed with its MDT', async () => {
  const pid = await registerPerson(srv, 'sw.jones', { family_name: 'Dale', given_name: 'Ivy', nhs_number: '9434760038' });
  const sent = checklist({ breathing: 'A' });
  sent.subject.reference = `Patient/${pid}`;
  sent.item.push({ linkId: 'send_to_icb', answer: [{ valueBoolean: true }] });
  valid(await c.create({ resourceType: 'QuestionnaireResponse', body: sent }));
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM chc_cases WHERE person_id = '${pid}'`)), 1, 'the case is open');
  const lead = client('chc.lead');
  const domains = ['breathing', 'nutrition', 'continence', 'skin', 'mobility', 'communication', 'psychological',
    'cognition', 'behaviour', 'drug_therapies', 'altered_states', 'other'];
  const dstBody = (levels, status, mdt = []) => ({ resourceType: 'QuestionnaireResponse', questionnaire: `${base}/Questionnaire/chc-dst`,
    status, subject: { reference: `Patient/${pid}` }, item: [
      { linkId: 'completed_on', answer: [{ valueDate: TODAY }] },
      { linkId: 'setting', answer: [coding('care-setting', 'community')] },
      { linkId: 'domains', item: Object.entries(levels).map(([d, l]) => ({ linkId: `domains.${d}`, answer: [coding('chc-dst-level', l)] })) },
      ...mdt.map((m) => ({ linkId: 'mdt', item: [{ linkId: 'mdt.name', answer: [{ valueString: m.name }] },
        { linkId: 'mdt.profession', answer: [{ valueString: m.profession }] }] }))] });
  const draft = valid(await lead.create({ resourceType: 'QuestionnaireResponse', body: dstBody({ breathing: 'high' }, 'in-progress') }));
  assert.equal(draft.status, 'in-progress');
  assert.equal(sql(srv.db, `SELECT status FROM chc_assessments WHERE id = '${draft.id}'`), 'draft');
  const all = Object.fromEntries(domains.map((d) => [d, d === 'breathing' ? 'high' : 'low']));
  const put = (body, v) => lead.update({ resourceType: 'QuestionnaireResponse', id: draft.id, body: { ...body, id: draft.id },
    options: { headers: { 'If-Match': `W/"${v}"` } } });
  const bad = await refused(put(dstBody({ ...all, continence: 'severe' }, 'in-progress'), draft.meta.versionId));
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.outcome.issue.map((i) => i.expression[0]), [at('domains.continence')]);
  const mdt = [{ name: 'Ravi Patel', profession: 'registered_nurse' }, { name: 'Dr Ren Rivers', profession: 'doctor' }];
  const done = valid(await put(dstBody(all, 'completed', mdt), draft.meta.versionId));
  assert.equal(done.status, 'completed');
  assert.equal(sql(srv.db, `SELECT status FROM chc_assessments WHERE id = '${draft.id}'`), 'completed');
  assert.deepEqual(done.item.filter((i) => i.linkId === 'mdt').map((g) => g.item.find((x) => x.linkId === 'mdt.name').answer[0].valueString),
    ['Ravi Patel', 'Dr Ren Rivers']);
  assert.deepEqual(valid(await lead.read({ resourceType: 'QuestionnaireResponse', id: draft.id })), done);
  assert.equal((await refused(put(dstBody(all, 'completed', mdt), done.meta.versionId))).status, 409, 'a completed DST is not changed');
  const found = valid(await lead.search({ resourceType: 'QuestionnaireResponse', searchParams: { patient: pid, questionnaire: 'chc-dst' } }));
  assert.deepEqual(found.entry.map((e) => e.resource.id), [draft.id]);
});

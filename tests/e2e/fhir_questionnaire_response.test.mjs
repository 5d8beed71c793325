// FHIR QuestionnaireResponse through a real FHIR client (fhir-kit-client):
// Care Act assessments and CHC Checklists answered against Seamless's own
// Questionnaires — created, read, searched by patient and (a Care Act
// draft) updated and completed through the same services as the JSON API,
// so the same rules (a refused answer is a 422 naming its item; nothing
// stored), access and audit; each resource valid R4 (fhir_schema.mjs).
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
  // Completing it needs every answer and the assessor's confirmation: each missing one named.
  const early = await refused(put({ ...v2, status: 'completed' }, v2.meta.versionId));
  assert.equal(early.status, 422);
  const named = early.outcome.issue.map((i) => i.expression[0]);
  for (const link of ['outcomes.toilet', 'wellbeing', 'determination.assessor_agrees']) assert.ok(named.includes(at(link)), link);
  assert.ok(!named.includes(at('outcomes.nutrition')), 'answered');
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

// ---- completing a Care Act assessment (the JSON API's completion) ----

const ADULT = ['nutrition', 'hygiene', 'toilet', 'clothing', 'home_safety', 'habitable_home', 'relationships',
  'work_education', 'community', 'caring_child'];
const CARER = ['caring_child', 'caring_others', 'habitable_home', 'nutrition', 'relationships', 'work_education',
  'community', 'recreation'];
const answer = (link, ...values) => ({ linkId: link, answer: values });
const yes = (v) => ({ valueBoolean: v });

// Every answer of a Care Act form: the first `unable` outcomes cannot be
// achieved without assistance; det the determination group's items.
function assessment(pid, form, unable, det = [], status = 'completed', extra = []) {
  const keys = form === 'care-act-carer' ? CARER : ADULT;
  const facts = form === 'care-act-carer'
    ? [answer('needs_arise_from_caring', yes(true)), answer('health_deteriorating_or_at_risk', yes(false))]
    : [answer('impairment_or_illness', yes(true))];
  return { resourceType: 'QuestionnaireResponse', questionnaire: `${base}/Questionnaire/${form}`, status,
    subject: { reference: `Patient/${pid}` }, item: [...facts,
      { linkId: 'outcomes', item: keys.map((k, i) => (i < unable ? answer(`outcomes.${k}`, coding('care-act-ground', 'without_assistance'))
        : { linkId: `outcomes.${k}` })) },
      answer('significant_impact', yes(true)),
      answer('wellbeing', coding('care-act-wellbeing', 'dignity'), coding('care-act-wellbeing', 'health')),
      answer('person_views', { valueString: 'Wants to stay at home' }),
      ...extra,
      ...(det.length ? [{ linkId: 'determination', item: det }] : [])] };
}
const agrees = (v, reason) => [answer('determination.assessor_agrees', yes(v)),
  ...(reason ? [answer('determination.assessor_reason', { valueString: reason })] : [])];
const det = (qr, link) => qr.item.find((i) => i.linkId === 'determination')?.item.find((i) => i.linkId === `determination.${link}`)?.answer[0];
const stored = (id) => sql(srv.db, `SELECT status || ' ' || version FROM care_act_assessments WHERE id = '${id}'`);
const api = (m, p, user = 'sw.jones', body) => srv.api(m, p, { token: srv.token(user), body });

test('a Care Act draft completed over FHIR: the JSON API\'s completion, all or nothing, If-Match, then read-only', async () => {
  const pid = await registerPerson(srv, 'sw.jones', { family_name: 'Okafor', given_name: 'Ade', nhs_number: undefined });
  const draft = valid(await c.create({ resourceType: 'QuestionnaireResponse',
    body: { ...assessment(pid, 'care-act-adult', 3, [], 'in-progress'), item: [answer('impairment_or_illness', yes(true))] } }));
  const v1 = draft.meta.versionId;
  const put = (body, v, who = c) => who.update({ resourceType: 'QuestionnaireResponse', id: draft.id, body: { ...body, id: draft.id },
    options: { headers: { 'If-Match': `W/"${v}"` } } });
  // Missing the assessor's confirmation: a 422 naming its item; the answers sent with it are not kept either.
  const full = assessment(pid, 'care-act-adult', 3, [], 'completed', [answer('notes', { valueString: 'Seen at home' })]);
  const unconfirmed = await refused(put(full, v1));
  assert.equal(unconfirmed.status, 422);
  assert.deepEqual(unconfirmed.outcome.issue.map((i) => i.expression[0]), [at('determination.assessor_agrees')]);
  // A required answer missing (significant impact), confirmation given: named; nothing stored.
  const gap = { ...full, item: full.item.filter((i) => i.linkId !== 'significant_impact').concat([{ linkId: 'determination', item: agrees(true) }]) };
  const missing = await refused(put(gap, v1));
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.outcome.issue.map((i) => i.expression[0]), [at('significant_impact')]);
  // Disagreeing needs a reason (the JSON API's rule), named in the determination group.
  const why = await refused(put(assessment(pid, 'care-act-adult', 3, agrees(false)), v1));
  assert.deepEqual(why.outcome.issue.map((i) => i.expression[0]), [at('determination.assessor_reason')]);
  // A stale version: 412; the status is not one the JSON API has: 422 naming it.
  assert.equal((await refused(put(assessment(pid, 'care-act-adult', 3, agrees(true)), Number(v1) + 1))).status, 412);
  for (const status of ['amended', 'stopped', 'entered-in-error']) {
    const odd = await refused(put(assessment(pid, 'care-act-adult', 3, agrees(true), status), v1));
    assert.equal(odd.status, 422, status);
    assert.deepEqual(odd.outcome.issue.map((i) => i.expression[0]), ['QuestionnaireResponse.status']);
  }
  // The confirmation belongs to completing, not to a draft.
  const early = await refused(put(assessment(pid, 'care-act-adult', 3, agrees(false, 'Not yet'), 'in-progress'), v1));
  assert.equal(early.status, 422);
  assert.deepEqual(early.outcome.issue.map((i) => i.expression[0]), [at('determination.assessor_agrees')]);
  assert.equal(stored(draft.id), `draft ${v1}`, 'nothing stored by any refusal');
  assert.equal(valid(await c.read({ resourceType: 'QuestionnaireResponse', id: draft.id })).meta.versionId, v1);
  // Only the assessor completes (the JSON API's rule), though the manager may see it.
  const khan = client('tm.khan');
  const notTheirs = await refused(put(assessment(pid, 'care-act-adult', 3, agrees(true)), v1, khan));
  assert.equal(notTheirs.status, 403);
  assert.match(notTheirs.outcome.issue[0].diagnostics, /assessor/);
  // Completed: the answers saved and the completion, in one write. A client's "eligible" is not taken: the rule decides.
  const done = valid(await put(assessment(pid, 'care-act-adult', 3, [...agrees(true), answer('determination.eligible', yes(false))],
    'completed', [answer('notes', { valueString: 'Seen at home' })]), v1));
  assert.equal(done.status, 'completed');
  assert.equal(Number(done.meta.versionId), Number(v1) + 2, 'the answers saved, then the completion');
  assert.deepEqual(det(done, 'eligible'), yes(true));
  assert.deepEqual(det(done, 'assessor_agrees'), yes(true));
  assert.match(det(done, 'reasons').valueString, /unable to achieve 3 outcomes/);
  assert.deepEqual(valid(await c.read({ resourceType: 'QuestionnaireResponse', id: draft.id })), done);
  // The JSON API shows it completed with the determination its own completion gives for the same answers.
  const mine = (await api('GET', `/api/v1/care-act/assessments/${draft.id}`)).json;
  assert.equal(mine.status, 'completed');
  assert.equal(mine.notes, 'Seen at home');
  const twin = (await api('POST', `/api/v1/persons/${pid}/care-act/assessments`, 'sw.jones', { kind: 'adult' })).json;
  const answers = { impairment_or_illness: true, significant_impact: true, wellbeing: ['dignity', 'health'], person_views: 'Wants to stay at home',
    outcomes: Object.fromEntries(ADULT.map((k, i) => [k, i < 3 ? ['without_assistance'] : []])) };
  const p = await api('PATCH', `/api/v1/care-act/assessments/${twin.id}`, 'sw.jones', { version: 1, ...answers });
  const viaApi = await api('POST', `/api/v1/care-act/assessments/${twin.id}/complete`, 'sw.jones', { version: p.json.version, assessor_agrees: true });
  assert.equal(viaApi.status, 200, viaApi.text);
  assert.deepEqual(mine.determination, viaApi.json.determination);
  // The same audit entries and timeline event as the JSON API's update and completion.
  const actions = (id) => sql(srv.db, `SELECT action FROM audit_trail WHERE resource_id = '${id}'
    AND action IN ('create', 'update', 'complete') ORDER BY seq`).split(/\s+/).filter(Boolean);
  assert.deepEqual(actions(draft.id), ['create', 'update', 'update', 'complete'], 'created with answers; answered and completed');
  assert.deepEqual(actions(twin.id), ['create', 'update', 'complete']);
  const tl = (await api('GET', `/api/v1/persons/${pid}/timeline`)).json;
  assert.equal(JSON.stringify(tl).split('Care Act needs assessment completed: eligible needs').length - 1, 2);
  // Completed is read-only: the JSON API's refusal, whatever the status sent.
  const again = await api('POST', `/api/v1/care-act/assessments/${draft.id}/complete`, 'sw.jones', { version: done.meta.versionId, assessor_agrees: true });
  assert.equal(again.status, 409, again.text);
  for (const body of [done, { ...done, status: 'in-progress', item: done.item.filter((i) => i.linkId !== 'determination') }]) {
    const r = await refused(put(body, done.meta.versionId));
    assert.equal(r.status, again.status, body.status);
  }
  assert.equal((await refused(put({ ...done, status: 'amended' }, done.meta.versionId))).status, 422);
  assert.equal(stored(draft.id), `completed ${done.meta.versionId}`);
  // Someone without a relationship: refused and audited, nothing changed.
  const rn = sql(srv.db, "SELECT id FROM users WHERE username = 'rn.patel'");
  const denials = () => Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE user_id = '${rn}' AND person_id = '${pid}' AND action = 'read_denied'`));
  const d0 = denials();
  const other = await refused(client('rn.patel').update({ resourceType: 'QuestionnaireResponse', id: twin.id,
    body: { ...assessment(pid, 'care-act-adult', 3, agrees(true)), id: twin.id }, options: { headers: { 'If-Match': 'W/"1"' } } }));
  assert.equal(other.status, 403);
  assert.equal(denials(), d0 + 1, 'the refusal is audited');
});

test('a carer\'s assessment created completed in one request: the assessor disagreeing, with a reason; else nothing stored', async () => {
  const pid = await registerPerson(srv, 'sw.jones', { family_name: 'Mensah', given_name: 'Efua', nhs_number: undefined });
  const before_ = Number(sql(srv.db, `SELECT count(*) FROM care_act_assessments WHERE person_id = '${pid}'`));
  const noReason = await refused(c.create({ resourceType: 'QuestionnaireResponse', body: assessment(pid, 'care-act-carer', 1, agrees(false)) }));
  assert.equal(noReason.status, 422);
  assert.deepEqual(noReason.outcome.issue.map((i) => i.expression[0]), [at('determination.assessor_reason')]);
  const badArea = assessment(pid, 'care-act-carer', 1, agrees(true));
  badArea.item.find((i) => i.linkId === 'wellbeing').answer.push(coding('care-act-wellbeing', 'luck'));
  const area = await refused(c.create({ resourceType: 'QuestionnaireResponse', body: badArea }));
  assert.deepEqual(area.outcome.issue.map((i) => i.expression[0]), [`${at('wellbeing')}.answer[2]`]);
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM care_act_assessments WHERE person_id = '${pid}'`)), before_, 'no draft left behind');
  const done = valid(await c.create({ resourceType: 'QuestionnaireResponse',
    body: assessment(pid, 'care-act-carer', 1, agrees(false, 'Her sister now shares the caring')) }));
  assert.equal(done.status, 'completed');
  assert.deepEqual(det(done, 'eligible'), yes(false), 'as the assessor confirmed');
  const rec = (await api('GET', `/api/v1/care-act/assessments/${done.id}`)).json;
  assert.equal(rec.kind, 'carer');
  assert.equal(rec.status, 'completed');
  assert.deepEqual([rec.determination.computed_eligible, rec.determination.assessor_agrees, rec.determination.eligible], [true, false, false]);
  assert.equal(rec.determination.assessor_reason, 'Her sister now shares the caring');
  assert.equal(String(rec.version), done.meta.versionId);
  // A manager authorises it through the JSON API; FHIR shows it completed still (R4 has no authorised status).
  const auth = await api('POST', `/api/v1/care-act/assessments/${done.id}/authorise`, 'tm.khan', { version: rec.version });
  assert.equal(auth.status, 200, auth.text);
  const read = valid(await c.read({ resourceType: 'QuestionnaireResponse', id: done.id }));
  assert.equal(read.status, 'completed');
  const r = await refused(c.update({ resourceType: 'QuestionnaireResponse', id: done.id, body: read,
    options: { headers: { 'If-Match': `W/"${read.meta.versionId}"` } } }));
  assert.equal(r.status, 409, 'authorised is read-only too');
});

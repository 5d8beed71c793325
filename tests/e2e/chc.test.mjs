// NHS Continuing Healthcare end-to-end (domain.md §7): every Checklist rule
// at its boundary, sending to the ICB (the case, the relationship), DST
// level validation per domain, indicator edges, the MDT rule, drafts saved
// and completed, Fast Track by clinicians only, decisions by the ICB only,
// and bad input naming the field with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, TODAY, day } from './harness.mjs';

let srv, t, northGp;
const users = ['rn.patel', 'sw.jones', 'chc.lead', 'dr.rivers', 'board', 'ot.evans', 'fd.ali'];
const KEYS = ['breathing', 'nutrition', 'continence', 'skin', 'mobility', 'communication', 'psychological',
  'cognition', 'behaviour', 'drug_therapies', 'altered_states'];

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of users) t[u] = srv.token(u);
  northGp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
});
after(async () => { await srv.stop(); srv.cleanup(); });

let n = 0;
async function person(token = t['rn.patel']) {
  n++;
  const r = await srv.api('POST', '/api/v1/persons', { token, body: {
    family_name: `Chc${n}`, given_name: 'Alex', date_of_birth: '1938-03-0' + (n % 9 + 1), sex: 'male',
    postcode: 'LE11 3AB', gp_practice_id: northGp } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// Domains from a compact spec: {A: [keys], B: [keys]}, everything else C.
function domains(spec = {}) {
  const d = Object.fromEntries(KEYS.map((k) => [k, 'C']));
  for (const lvl of ['A', 'B']) for (const k of spec[lvl] ?? []) d[k] = lvl;
  return d;
}
const today = () => TODAY;
const daysAgo = (n) => day(-n);

function checklist(pid, spec, extra = {}, token = t['rn.patel']) {
  return srv.api('POST', `/api/v1/persons/${pid}/chc/checklists`, { token, body: {
    completed_on: today(), setting: 'community', domains: domains(spec), ...extra } });
}
const countRows = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));

test('each Checklist rule at its boundary', async () => {
  const pid = await person();
  const cases = [
    ['one A (not asterisked) alone', { A: ['nutrition'] }, 'negative'],
    ['two A', { A: ['nutrition', 'mobility'] }, 'positive'],
    ['four B', { B: ['nutrition', 'continence', 'skin', 'mobility'] }, 'negative'],
    ['five B', { B: ['nutrition', 'continence', 'skin', 'mobility', 'cognition'] }, 'positive'],
    ['one A + three B', { A: ['nutrition'], B: ['continence', 'skin', 'mobility'] }, 'negative'],
    ['one A + four B', { A: ['nutrition'], B: ['continence', 'skin', 'mobility', 'cognition'] }, 'positive'],
    ['an A in breathing (asterisked) alone', { A: ['breathing'] }, 'positive'],
    ['an A in behaviour (asterisked) alone', { A: ['behaviour'] }, 'positive'],
    ['an A in drug therapies (asterisked) alone', { A: ['drug_therapies'] }, 'positive'],
    ['an A in altered states (asterisked) alone', { A: ['altered_states'] }, 'positive'],
    ['all C', {}, 'negative'],
  ];
  for (const [label, spec, outcome] of cases) {
    const r = await checklist(pid, spec);
    assert.equal(r.status, 201, `${label}: ${r.text}`);
    assert.equal(r.json.outcome, outcome, label);
    assert.equal(r.json.counts.A, (spec.A ?? []).length, label);
    assert.equal(r.json.counts.B, (spec.B ?? []).length, label);
    assert.ok(r.json.reasons.length >= 1, label);
    assert.equal(r.json.status, 'completed');
  }
  const asterisk = await checklist(pid, { A: ['altered_states'] });
  assert.match(asterisk.json.reasons.join(' '), /Altered states of consciousness/);
  const oneFour = await checklist(pid, { A: ['skin'], B: ['continence', 'nutrition', 'mobility', 'cognition'] });
  assert.match(oneFour.json.reasons.join(' '), /1 A with 4 or more B/);
  assert.deepEqual(oneFour.json.domains.skin, 'A');
});

test('bad Checklist input names the field and stores nothing', async () => {
  const pid = await person();
  const before = countRows('chc_checklists');
  const d = domains();
  delete d.skin;
  d.mobility = 'D';
  d.wellbeing = 'A';
  const bad = await srv.api('POST', `/api/v1/persons/${pid}/chc/checklists`, { token: t['rn.patel'],
    body: { completed_on: '2999-01-01', setting: 'ward', domains: d } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(),
    ['completed_on', 'domains.mobility', 'domains.skin', 'domains.wellbeing', 'setting']);
  assert.equal(countRows('chc_checklists'), before);
  // No relationship: 403, and nothing stored.
  const stranger = await srv.api('POST', `/api/v1/persons/${pid}/chc/checklists`, { token: t['sw.jones'],
    body: { completed_on: today(), setting: 'home', domains: domains() } });
  assert.equal(stranger.status, 403);
  assert.equal(countRows('chc_checklists'), before);
});

test('a positive Checklist sent to the ICB opens the case; negative 422, twice 409', async () => {
  const pid = await person();
  const neg = await checklist(pid, { A: ['nutrition'] });
  const sendNeg = await srv.api('POST', `/api/v1/chc/checklists/${neg.json.id}/send`, { token: t['rn.patel'], body: {} });
  assert.equal(sendNeg.status, 422);
  assert.equal(sendNeg.json.errors[0].field, 'outcome');
  // The CHC team has no relationship before the case exists.
  assert.equal((await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['chc.lead'] })).status, 403);
  const pos = await checklist(pid, { A: ['breathing'] });
  const future = await srv.api('POST', `/api/v1/chc/checklists/${pos.json.id}/send`, { token: t['rn.patel'],
    body: { received_on: '2999-01-01' } });
  assert.equal(future.status, 422);
  assert.equal(future.json.errors[0].field, 'received_on');
  assert.equal(countRows(`chc_cases WHERE person_id = '${pid}'`), 0);
  const sent = await srv.api('POST', `/api/v1/chc/checklists/${pos.json.id}/send`, { token: t['rn.patel'], body: {} });
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.status, 'awaiting_assessment');
  assert.equal(sent.json.route, 'checklist');
  assert.equal(sent.json.team_code, 'CHC');
  assert.equal(sent.json.received_on, today());
  assert.equal(sent.json.clock.days_elapsed, 0);
  assert.equal(sent.json.clock.status, 'on_time');
  const again = await srv.api('POST', `/api/v1/chc/checklists/${pos.json.id}/send`, { token: t['rn.patel'], body: {} });
  assert.equal(again.status, 409);
  // The CHC team now holds the case: a legitimate relationship.
  assert.equal((await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['chc.lead'] })).status, 200);
  const c = await srv.api('GET', `/api/v1/chc/cases/${sent.json.id}`, { token: t['chc.lead'] });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.checklist.id, pos.json.id);
  assert.deepEqual(c.json.history.map((e) => e.kind), ['opened']);
  const tl = await srv.api('GET', `/api/v1/persons/${pid}/timeline`, { token: t['rn.patel'] });
  assert.ok(JSON.stringify(tl.json).includes('CHC case opened'));
  // A second positive Checklist while the case is open: 409, no second case.
  const pos2 = await checklist(pid, { A: ['behaviour'] }, { send_to_icb: true });
  assert.equal(pos2.status, 409);
  assert.equal(countRows(`chc_cases WHERE person_id = '${pid}'`), 1);
  assert.equal((await srv.api('GET', `/api/v1/chc/cases/${sent.json.id}`, { token: t['sw.jones'] })).status, 403);
});

// ---- DST ----
const DST_KEYS = [...KEYS, 'other'];
function dstDomains(over = {}) {
  return { ...Object.fromEntries(DST_KEYS.map((k) => [k, 'low'])), ...over };
}
const MDT = [{ user_id: null, name: 'Ravi Patel', profession: 'registered_nurse' },
             { name: 'Sam Jones', profession: 'social_worker', care_act_assessor: true }];

async function openCase(received = today()) {
  const pid = await person();
  const k = await checklist(pid, { A: ['breathing'] }, { completed_on: received, send_to_icb: true, received_on: received });
  assert.equal(k.status, 201, k.text);
  const caseId = sql(srv.db, `SELECT id FROM chc_cases WHERE person_id = '${pid}'`);
  return { pid, caseId };
}
function dst(pid, body, token = t['chc.lead']) {
  return srv.api('POST', `/api/v1/persons/${pid}/chc/assessments`, { token, body: {
    setting: 'community', domains: dstDomains(), mdt: MDT, person_views: 'Wants to stay at home', ...body } });
}

test('DST levels a domain does not have are refused per domain', async () => {
  const { pid } = await openCase();
  const before = countRows('chc_assessments');
  const invalid = [['continence', 'severe'], ['communication', 'severe'], ['psychological', 'priority'],
    ['mobility', 'priority'], ['nutrition', 'priority'], ['altered_states', 'severe'], ['other', 'priority'],
    ['skin', 'extreme']];
  for (const [key, level] of invalid) {
    const r = await dst(pid, { domains: dstDomains({ [key]: level }) });
    assert.equal(r.status, 422, `${key}=${level}`);
    assert.deepEqual(r.json.errors.map((e) => e.field), [`domains.${key}`], `${key}=${level}`);
  }
  const valid = [['breathing', 'priority'], ['altered_states', 'priority'], ['mobility', 'severe'], ['other', 'severe']];
  for (const [key, level] of valid) {
    const r = await dst(pid, { draft: true, domains: { [key]: level } });
    assert.equal(r.status, 201, `${key}=${level}: ${r.text}`);
    assert.equal(r.json.domains[key], level);
    assert.equal(r.json.status, 'draft');
  }
  assert.equal(countRows('chc_assessments'), before + valid.length);
});

test('indicator edges and counts', async () => {
  const cases = [
    ['one priority', { behaviour: 'priority' }, 'strong'],
    ['two severe', { mobility: 'severe', cognition: 'severe' }, 'strong'],
    ['one severe + two moderate', { mobility: 'severe', continence: 'moderate', skin: 'moderate' }, 'possible'],
    ['one severe + one moderate', { mobility: 'severe', continence: 'moderate' }, 'none'],
    ['two high', { continence: 'high', skin: 'high' }, 'possible'],
    ['one high + two moderate', { continence: 'high', skin: 'moderate', cognition: 'moderate' }, 'none'],
    ['one high + three moderate', { continence: 'high', skin: 'moderate', cognition: 'moderate', nutrition: 'moderate' }, 'possible'],
    ['all low', {}, 'none'],
  ];
  for (const [label, over, indicator] of cases) {
    const { pid, caseId } = await openCase();
    const r = await dst(pid, { domains: dstDomains(over) });
    assert.equal(r.status, 201, `${label}: ${r.text}`);
    assert.equal(r.json.indicator, indicator, label);
    assert.equal(r.json.status, 'completed');
    const severe = Object.values(over).filter((v) => v === 'severe').length;
    assert.equal(r.json.count_severe, severe, label);
    assert.equal(r.json.count_low, 12 - Object.keys(over).length, label);
    assert.equal(sql(srv.db, `SELECT status FROM chc_cases WHERE id = '${caseId}'`), 'assessed');
  }
});

test('the MDT composition rule; no open case → 422; a draft is saved and completed later', async () => {
  const { pid, caseId } = await openCase();
  const before = countRows('chc_assessments');
  const twoSocial = await dst(pid, { mdt: [{ name: 'A', profession: 'social_worker' }, { name: 'B', profession: 'social_worker' }] });
  assert.equal(twoSocial.status, 422);
  assert.equal(twoSocial.json.errors[0].field, 'mdt');
  const sameHealth = await dst(pid, { mdt: [{ name: 'A', profession: 'registered_nurse' }, { name: 'B', profession: 'registered_nurse' }] });
  assert.equal(sameHealth.status, 422);
  const noProf = await dst(pid, { mdt: [{ name: 'A' }] });
  assert.equal(noProf.json.errors[0].field, 'mdt[0].profession');
  assert.equal(countRows('chc_assessments'), before);
  const noCase = await dst(await person(), {}, t['rn.patel']);
  assert.equal(noCase.status, 422);
  assert.equal(noCase.json.errors[0].field, 'case');
  // Save and return: a draft with two domains, then the rest, then complete.
  const draft = await dst(pid, { draft: true, domains: { breathing: 'high' }, mdt: [] });
  assert.equal(draft.status, 201, draft.text);
  assert.equal(draft.json.domains.nutrition, null);
  const early = await srv.api('PATCH', `/api/v1/chc/assessments/${draft.json.id}`, { token: t['chc.lead'],
    body: { version: draft.json.version, complete: true } });
  assert.equal(early.status, 422);
  assert.equal(early.json.errors[0].field, 'domains.nutrition');
  assert.equal((await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['ot.evans'] })).status, 403);
  const more = await srv.api('PATCH', `/api/v1/chc/assessments/${draft.json.id}`, { token: t['chc.lead'],
    body: { version: draft.json.version, domains: dstDomains({ breathing: 'high', mobility: 'high' }),
            mdt: [{ user_id: sql(srv.db, "SELECT id FROM users WHERE username = 'chc.lead'") },
                  { user_id: sql(srv.db, "SELECT id FROM users WHERE username = 'ot.evans'") }] } });
  assert.equal(more.status, 200, more.text);
  assert.equal(more.json.status, 'draft');
  assert.equal(more.json.mdt[0].profession, 'registered_nurse', 'profession from the user account');
  // An MDT member named by user_id holds a relationship while the case is open.
  assert.equal((await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['ot.evans'] })).status, 200);
  const stale = await srv.api('PATCH', `/api/v1/chc/assessments/${draft.json.id}`, { token: t['chc.lead'],
    body: { version: draft.json.version, complete: true } });
  assert.equal(stale.status, 409);
  const done = await srv.api('PATCH', `/api/v1/chc/assessments/${draft.json.id}`, { token: t['chc.lead'],
    body: { version: more.json.version, complete: true, setting: 'acute' } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'completed');
  assert.equal(done.json.indicator, 'possible');
  assert.equal(done.json.setting, 'acute');
  assert.equal(done.json.person_views, 'Wants to stay at home');
  assert.equal(sql(srv.db, `SELECT status FROM chc_cases WHERE id = '${caseId}'`), 'assessed');
  const c = await srv.api('GET', `/api/v1/chc/cases/${caseId}`, { token: t['chc.lead'] });
  assert.deepEqual(c.json.history.map((e) => e.kind), ['opened', 'assessment_started', 'assessed']);
});

test('Fast Track: a social worker is refused, a nurse and a GP are accepted at once', async () => {
  const pid = await person();
  const before = countRows('chc_cases');
  const sw = await srv.api('POST', `/api/v1/persons/${pid}/chc/fast-track`, { token: t['sw.jones'],
    body: { reason: 'Rapidly deteriorating, end of life care needed' } });
  assert.equal(sw.status, 403);  // no relationship either way; give sw.jones one below
  const own = await person(t['sw.jones']);
  const sw2 = await srv.api('POST', `/api/v1/persons/${own}/chc/fast-track`, { token: t['sw.jones'],
    body: { reason: 'Rapidly deteriorating, end of life care needed' } });
  assert.equal(sw2.status, 403);
  assert.match(sw2.json.type, /not-a-clinician$/);
  const short = await srv.api('POST', `/api/v1/persons/${pid}/chc/fast-track`, { token: t['rn.patel'], body: { reason: 'ill' } });
  assert.equal(short.status, 422);
  assert.equal(short.json.errors[0].field, 'reason');
  assert.equal(countRows('chc_cases'), before);
  const ok = await srv.api('POST', `/api/v1/persons/${pid}/chc/fast-track`, { token: t['rn.patel'],
    body: { reason: 'Rapidly deteriorating condition, may be entering a terminal phase' } });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.status, 'decided');
  assert.equal(ok.json.outcome, 'eligible');
  assert.equal(ok.json.decided_on, today());
  assert.equal(ok.json.route, 'fast_track');
  const ps = await srv.api('POST', `/api/v1/chc/cases/${ok.json.id}/package-start`, { token: t['chc.lead'],
    body: { package_start_on: today(), version: ok.json.version } });
  assert.equal(ps.status, 200, ps.text);
  assert.equal(ps.json.package_start_on, today());
  const gpPerson = await person(t['dr.rivers']);
  const gp = await srv.api('POST', `/api/v1/persons/${gpPerson}/chc/fast-track`, { token: t['dr.rivers'],
    body: { reason: 'End of life: weeks rather than months' } });
  assert.equal(gp.status, 201, gp.text);
});

test('decision by a non-ICB user refused (audited); ICB decisions name their fields', async () => {
  const { pid, caseId } = await openCase(daysAgo(10));
  const early = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'eligible', rationale: 'Primary health need established', decided_on: today() } });
  assert.equal(early.status, 409, 'no decision before the full assessment');
  assert.equal((await dst(pid, { domains: dstDomains({ behaviour: 'priority' }) })).status, 201);
  const nurse = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['rn.patel'],
    body: { outcome: 'eligible', rationale: 'Primary health need established', decided_on: today() } });
  assert.equal(nurse.status, 403);
  assert.match(nurse.json.type, /not-icb$/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE action = 'decide_denied' AND resource_id = '${caseId}'
    AND person_id = '${pid}'`), '1');
  const bad = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'maybe', rationale: 'short', decided_on: daysAgo(11) } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['decided_on', 'outcome', 'rationale']);
  const fncNoBand = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'not_eligible', fnc: true, residence: 'care_home_with_nursing',
            rationale: 'Needs can be met with FNC in the nursing home', decided_on: today() } });
  assert.equal(fncNoBand.status, 422);
  assert.equal(fncNoBand.json.errors[0].field, 'fnc_band');
  // FNC is paid only for a person in a care home with nursing (issue #14 item 6).
  for (const residence of ['own_home', 'care_home_without_nursing', 'hospital', undefined]) {
    const r = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
      body: { outcome: 'not_eligible', fnc: true, fnc_band: 'standard', funding: 'council_only', residence,
              rationale: 'Nursing needs met by FNC at home', decided_on: today() } });
    assert.equal(r.status, 422, `${residence}: ${r.text}`);
    assert.deepEqual(r.json.errors.map((e) => e.field), ['residence']);
  }
  const nothing = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'not_eligible', rationale: 'No primary health need found', decided_on: today() } });
  assert.equal(nothing.json.errors[0].field, 'funding');
  const future = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'eligible', rationale: 'Primary health need established', decided_on: '2999-01-01' } });
  assert.equal(future.json.errors[0].field, 'decided_on');
  assert.equal(countRows(`chc_decisions WHERE case_id = '${caseId}'`), 0);
  // Deferred keeps the clock running; then not eligible with FNC.
  const def = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'deferred', rationale: 'Awaiting the tissue viability report', decided_on: today() } });
  assert.equal(def.status, 200, def.text);
  assert.equal(def.json.status, 'deferred');
  assert.equal(def.json.decided_on, null);
  assert.equal(def.json.clock.decided, false);
  const ne = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'not_eligible', fnc: true, fnc_band: 'standard', funding: 'council_only',
            residence: 'care_home_with_nursing',
            rationale: 'Needs are met by nursing care in the nursing home (FNC)', decided_on: today(),
            version: def.json.version } });
  assert.equal(ne.status, 200, ne.text);
  assert.equal(ne.json.status, 'decided');
  assert.equal(ne.json.outcome, 'not_eligible');
  assert.equal(ne.json.fnc_band, 'standard');
  assert.equal(ne.json.fnc_weekly_pence, today() >= '2026-04-01' ? 26768 : 25406);
  assert.equal(ne.json.clock.days_elapsed, 10);
  assert.equal(ne.json.clock.within_28_days, true);
  const again = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'],
    body: { outcome: 'eligible', rationale: 'Changed our mind entirely', decided_on: today() } });
  assert.equal(again.status, 409);
  const c = await srv.api('GET', `/api/v1/chc/cases/${caseId}`, { token: t['chc.lead'] });
  assert.deepEqual(c.json.decisions.map((d) => d.outcome), ['deferred', 'not_eligible']);
});

test('the letter states the outcome, the reasons and how to ask for a review; the pathway lists it', async () => {
  const { pid, caseId } = await openCase(daysAgo(3));
  assert.equal((await dst(pid, { domains: dstDomains() })).status, 201);
  const d = await srv.api('POST', `/api/v1/chc/cases/${caseId}/decision`, { token: t['chc.lead'], body: {
    outcome: 'not_eligible', fnc: true, fnc_band: 'higher', funding: 'joint_package', residence: 'care_home_with_nursing',
    rationale: 'Needs are not of a nature beyond what the council can provide', decided_on: today() } });
  assert.equal(d.status, 200, d.text);
  const lead = await srv.login('chc.lead');
  const page = await fetch(`${srv.base}/chc/cases/${caseId}/letter`, { headers: { Cookie: lead.cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /not eligible/);
  assert.match(html, /Needs are not of a nature beyond what the council can provide/);
  assert.match(html, /higher rate/);
  assert.match(html, /£\d+\.\d\d a week/);
  assert.match(html, /funded jointly by the NHS and the council/);
  assert.match(html, /local resolution/);
  assert.match(html, /independent review/);
  assert.match(html, /NHS England/);
  assert.match(html, /Chc\d+/, 'addressed to the person');
  // The ICB's name, address and contact for a review request (issue #14 item 6).
  assert.match(html, /To ask for a review, contact Shire Integrated Care Board, Continuing Healthcare Team, County Hall, Glenfield, LE3 8TB, phone 0116 496 0123, email chc\.shire@nhs\.example/);
  const sw = await srv.login('sw.jones');
  const denied = await fetch(`${srv.base}/chc/cases/${caseId}/letter`, { headers: { Cookie: sw.cookie } });
  assert.equal(denied.status, 403);
  assert.doesNotMatch(await denied.text(), /Chc\d+/);
  const path = await srv.api('GET', `/api/v1/persons/${pid}/chc`, { token: t['rn.patel'] });
  assert.equal(path.status, 200, path.text);
  assert.equal(path.json.cases[0].id, caseId);
  assert.equal(path.json.cases[0].outcome, 'not_eligible');
  assert.equal(path.json.checklists[0].status, 'sent');
  // Before any decision there is no letter.
  const open = await openCase();
  const none = await fetch(`${srv.base}/chc/cases/${open.caseId}/letter`, { headers: { Cookie: lead.cookie } });
  assert.equal(none.status, 409);
});

test('a referral triaged to CHC opens a case from the referral date; only the CHC team; once', async () => {
  const pid = await person();
  const received = `${daysAgo(4)}T09:30:00Z`;
  const r = await srv.api('POST', '/api/v1/referrals', { token: t['dr.rivers'], body: { person_id: pid, source: 'gp',
    reason: 'Complex nursing needs at home', urgency: 'routine', consent: 'given', received_at: received,
    referrer: { name: 'Dr Ren Rivers' } } });
  assert.equal(r.status, 201, r.text);
  const notChc = await srv.api('POST', '/api/v1/chc/cases', { token: t['fd.ali'], body: { referral_id: r.json.id } });
  assert.equal(notChc.status, 422, 'not triaged to CHC yet');
  assert.equal(notChc.json.errors[0].field, 'referral_id');
  const tr = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route: 'chc' } });
  assert.equal(tr.status, 200, tr.text);
  const before = countRows('chc_cases');
  const other = await srv.api('POST', '/api/v1/chc/cases', { token: t['rn.patel'], body: { referral_id: r.json.id } });
  assert.equal(other.status, 403);
  const bad = await srv.api('POST', '/api/v1/chc/cases', { token: t['chc.lead'],
    body: { referral_id: r.json.id, received_on: daysAgo(5) } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'received_on');
  assert.equal(countRows('chc_cases'), before);
  const ok = await srv.api('POST', '/api/v1/chc/cases', { token: t['chc.lead'], body: { referral_id: r.json.id } });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.route, 'referral');
  assert.equal(ok.json.referral_id, r.json.id);
  assert.equal(ok.json.received_on, daysAgo(4));
  assert.equal(ok.json.clock.days_elapsed, 4);
  const again = await srv.api('POST', '/api/v1/chc/cases', { token: t['chc.lead'], body: { referral_id: r.json.id } });
  assert.equal(again.status, 409);
  assert.equal(countRows('chc_cases'), before + 1);
});

test('pages work without JavaScript: a CHC referral opens a case from its page; forms need the CSRF token', async () => {
  const pid = await person();
  const r = await srv.api('POST', '/api/v1/referrals', { token: t['dr.rivers'], body: { person_id: pid, source: 'gp',
    reason: 'Tube feeding and pressure care at home', urgency: 'routine', consent: 'given', referrer: { name: 'Dr Ren Rivers' } } });
  await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: t['fd.ali'], body: { route: 'chc' } });
  const s = await srv.login('chc.lead');
  const page = await (await fetch(`${srv.base}/referrals/${r.json.id}`, { headers: { Cookie: s.cookie } })).text();
  assert.match(page, /Open a CHC case/);
  const post = (body) => fetch(`${srv.base}/chc/cases`, { method: 'POST', redirect: 'manual', headers: { Cookie: s.cookie,
    Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  assert.equal((await post(`referral_id=${r.json.id}`)).status, 403, 'no CSRF token');
  assert.equal(countRows(`chc_cases WHERE referral_id = '${r.json.id}'`), 0);
  const ok = await post(`csrf_token=${s.csrf}&referral_id=${r.json.id}`);
  assert.equal(ok.status, 303);
  const caseId = sql(srv.db, `SELECT id FROM chc_cases WHERE referral_id = '${r.json.id}'`);
  assert.equal(ok.headers.get('location'), `/chc/cases/${caseId}`);
  const casePage = await (await fetch(srv.base + ok.headers.get('location'), { headers: { Cookie: s.cookie } })).text();
  assert.match(casePage, /Awaiting full assessment/);
  assert.match(casePage, /Start a full assessment/);
  // A user without a relationship cannot start (or find) the case's DST.
  const sw = await srv.login('sw.jones');
  const start = await fetch(`${srv.base}/chc/cases/${caseId}/assessment`, { method: 'POST', redirect: 'manual',
    headers: { Cookie: sw.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `csrf_token=${sw.csrf}` });
  assert.equal(start.status, 403);
  assert.equal(countRows(`chc_assessments WHERE case_id = '${caseId}'`), 0);
});

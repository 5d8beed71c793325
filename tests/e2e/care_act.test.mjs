// Care Act 2014 needs assessments end-to-end (domain.md §6, SI 2015/313):
// eligibility at each boundary through the API for adults and carers, the
// computed determination and the assessor's disagreement both kept, draft →
// completed → authorised and who may authorise, stale versions, access on a
// legitimate relationship (audited when refused), and bad input naming the
// field with nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli, cliAsync, PASSWORD, newDatabase, dropDatabase } from './harness.mjs';

let srv, t;
const ADULT = ['nutrition', 'hygiene', 'toilet', 'clothing', 'home_safety', 'habitable_home', 'relationships',
               'work_education', 'community', 'caring_child'];
const CARER = ['caring_child', 'caring_others', 'habitable_home', 'nutrition', 'relationships', 'work_education',
               'community', 'recreation'];

before(async () => {
  srv = await startServer();
  // A team manager in another organisation (the community trust).
  const r = cli(['user', 'add', '--db', srv.db, '--username', 'tm.other', '--org', 'SCHT', '--role', 'team_manager',
                 '--team', 'INT-NORTH', '--profession', 'registered_nurse', '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  t = {};
  for (const u of ['sw.jones', 'tm.khan', 'rn.patel', 'admin', 'tm.other', 'fd.ali']) t[u] = srv.token(u);
});
after(async () => { await srv.stop(); srv.cleanup(); });

let n = 0;
async function person() {
  n++;
  const r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Assessed${n}`, given_name: 'Jo', date_of_birth: '1950-02-0' + (n % 9 + 1), sex: 'male',
    postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function start(kind = 'adult', token = t['sw.jones'], pid) {
  pid = pid ?? await person();
  const r = await srv.api('POST', `/api/v1/persons/${pid}/care-act/assessments`, { token, body: { kind } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.version, 1);
  return r.json;
}

const patch = (a, body, token = t['sw.jones']) =>
  srv.api('PATCH', `/api/v1/care-act/assessments/${a.id}`, { token, body: { version: a.version, ...body } });

function outcomes(keys, unable, ground = 'without_assistance') {
  return Object.fromEntries(keys.map((k, i) => [k, i < unable ? [ground] : []]));
}

// Fills an assessment and completes it; returns the completed record.
async function assess(kind, answers, { agrees = true, reason } = {}) {
  const a = await start(kind);
  const p = await patch(a, { person_views: 'Wants to stay at home', ...answers });
  assert.equal(p.status, 200, p.text);
  const c = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'],
    body: { version: p.json.version, assessor_agrees: agrees, assessor_reason: reason } });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.status, 'completed');
  return c.json;
}

const adult = (impairment, unable, impact, ground) => ({ impairment_or_illness: impairment,
  outcomes: outcomes(ADULT, unable, ground), significant_impact: impact, wellbeing: impact ? ['dignity', 'health'] : [] });

test('adult eligibility at each boundary of reg 2 (two outcomes, impairment, significant impact)', async () => {
  const cases = [
    ['1 outcome unable', adult(true, 1, true), false, /two or more/],
    ['2 outcomes unable', adult(true, 2, true), true, /unable to achieve 2 outcomes/],
    ['no impairment or illness', adult(false, 5, true), false, /impairment or illness/],
    ['no significant impact', adult(true, 5, false), false, /significant impact/],
  ];
  for (const [name, answers, eligible, why] of cases) {
    const a = await assess('adult', answers);
    assert.equal(a.determination.computed_eligible, eligible, name);
    assert.equal(a.determination.eligible, eligible, name);
    assert.match(a.determination.reasons, why, name);
    assert.equal(a.determination.outcomes_unable, answers.outcomes ? Object.values(answers.outcomes).filter((g) => g.length).length : 0);
  }
});

test('each ground of "unable to achieve" counts on its own', async () => {
  for (const g of ['without_assistance', 'pain_distress_anxiety', 'endangers', 'significantly_longer']) {
    const a = await assess('adult', adult(true, 2, true, g));
    assert.equal(a.determination.computed_eligible, true, g);
    assert.deepEqual(a.outcomes.nutrition, [g]);
  }
});

test('carer eligibility (reg 3): any one outcome, or health at risk; no "significantly longer" ground', async () => {
  const base = { needs_arise_from_caring: true, significant_impact: true, wellbeing: ['health'] };
  const one = await assess('carer', { ...base, health_deteriorating_or_at_risk: false, outcomes: outcomes(CARER, 1) });
  assert.equal(one.determination.computed_eligible, true);
  const health = await assess('carer', { ...base, health_deteriorating_or_at_risk: true, outcomes: outcomes(CARER, 0) });
  assert.equal(health.determination.computed_eligible, true);
  assert.match(health.determination.reasons, /health is deteriorating or at risk/);
  const neither = await assess('carer', { ...base, health_deteriorating_or_at_risk: false, outcomes: outcomes(CARER, 0) });
  assert.equal(neither.determination.computed_eligible, false);
  const notCaring = await assess('carer', { ...base, needs_arise_from_caring: false, health_deteriorating_or_at_risk: true,
                                            outcomes: outcomes(CARER, 3) });
  assert.equal(notCaring.determination.computed_eligible, false);

  const a = await start('carer');
  const bad = await patch(a, { outcomes: { nutrition: ['significantly_longer'] } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'outcomes.nutrition');
  assert.match(bad.json.errors[0].message, /not a ground for carers/);
  const adultOnly = await patch(a, { impairment_or_illness: true, outcomes: { toilet: [] } });
  assert.equal(adultOnly.status, 422);
  assert.deepEqual(adultOnly.json.errors.map((e) => e.field).sort(), ['impairment_or_illness', 'outcomes.toilet']);
  assert.equal(sql(srv.db, `SELECT version || '|' || outcomes FROM care_act_assessments WHERE id = '${a.id}'`), '1|{}');
});

test('the assessor may disagree with a reason: the record keeps the computed and the confirmed determination', async () => {
  const a = await start('adult');
  const p = await patch(a, { ...adult(true, 2, true), person_views: 'Managing with help from a neighbour' });
  const noReason = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'],
    body: { version: p.json.version, assessor_agrees: false } });
  assert.equal(noReason.status, 422);
  assert.deepEqual(noReason.json.errors.map((e) => e.field), ['assessor_reason']);
  const c = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'],
    body: { version: p.json.version, assessor_agrees: false, assessor_reason: 'Neighbour meets the needs informally' } });
  assert.equal(c.status, 200, c.text);
  assert.deepEqual({ ...c.json.determination, reasons: undefined }, { computed_eligible: true, outcomes_unable: 2,
    reasons: undefined, assessor_agrees: false, assessor_reason: 'Neighbour meets the needs informally', eligible: false });
  assert.equal(sql(srv.db, `SELECT computed_eligible || '|' || eligible || '|' || assessor_agrees FROM care_act_assessments WHERE id = '${a.id}'`), '1|0|0');
});

test('completing needs every answer: the 422 names each missing field and the draft stays as it was', async () => {
  const a = await start('adult');
  const p = await patch(a, { impairment_or_illness: true, outcomes: { nutrition: ['endangers'], hygiene: [] },
                             significant_impact: true });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.version, 2);
  assert.deepEqual(p.json.outcomes, { nutrition: ['endangers'], hygiene: [] });
  const c = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'],
    body: { version: 2, assessor_agrees: true } });
  assert.equal(c.status, 422);
  const fields = c.json.errors.map((e) => e.field);
  assert.deepEqual(fields, ['outcomes.toilet', 'outcomes.clothing', 'outcomes.home_safety', 'outcomes.habitable_home',
    'outcomes.relationships', 'outcomes.work_education', 'outcomes.community', 'outcomes.caring_child', 'wellbeing',
    'person_views']);
  assert.equal(sql(srv.db, `SELECT status || '|' || version FROM care_act_assessments WHERE id = '${a.id}'`), 'draft|2');
  // Save and return: a later PATCH adds to the answers already given.
  const more = await patch({ id: a.id, version: 2 }, { outcomes: { toilet: ['pain_distress_anxiety', 'without_assistance'] } });
  assert.equal(more.status, 200, more.text);
  assert.deepEqual(more.json.outcomes, { nutrition: ['endangers'], hygiene: [], toilet: ['without_assistance', 'pain_distress_anxiety'] });
  assert.equal(more.json.impairment_or_illness, true);
});

test('draft → completed → authorised by a manager of the same organisation who is not the assessor', async () => {
  const pid = await person();
  const own = await start('adult', t['tm.khan'], pid);
  const a = await start('adult', t['sw.jones'], pid);
  const early = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/authorise`, { token: t['tm.khan'], body: { version: 1 } });
  assert.equal(early.status, 409);
  const p = await patch(a, { ...adult(true, 3, true), person_views: 'Would like help in the mornings' });
  const byOther = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['tm.khan'],
    body: { version: p.json.version, assessor_agrees: true } });
  assert.equal(byOther.status, 403, 'only the assessor completes');
  const c = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'],
    body: { version: p.json.version, assessor_agrees: true } });
  assert.equal(c.status, 200, c.text);
  assert.ok(c.json.completed_at);

  const ro = await patch(c.json, { notes: 'late change' });
  assert.equal(ro.status, 409);
  assert.match(ro.json.type, /assessment-read-only$/);
  const again = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'],
    body: { version: c.json.version, assessor_agrees: true } });
  assert.equal(again.status, 409);

  const self = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/authorise`, { token: t['sw.jones'], body: { version: c.json.version } });
  assert.equal(self.status, 403, 'a practitioner cannot authorise');
  // A manager of another organisation, even with access (break-glass), cannot.
  const bg = await srv.api('POST', `/api/v1/persons/${pid}/break-glass`, { token: t['tm.other'], body: { reason: 'Checking the assessment for the MDT' } });
  assert.equal(bg.status, 201, bg.text);
  const other = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/authorise`, { token: t['tm.other'], body: { version: c.json.version } });
  assert.equal(other.status, 403);
  assert.match(other.json.detail, /own organisation/);
  const stale = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/authorise`, { token: t['tm.khan'], body: { version: 1 } });
  assert.equal(stale.status, 409);
  const ok = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/authorise`, { token: t['tm.khan'], body: { version: c.json.version } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'authorised');
  assert.equal(ok.json.authorised_by_name, 'Priya Khan');

  // The manager's own assessment: completed by them, authorised by someone else (the org admin).
  const op = await patch(own, { ...adult(true, 0, false), person_views: 'Fine for now' }, t['tm.khan']);
  const oc = await srv.api('POST', `/api/v1/care-act/assessments/${own.id}/complete`, { token: t['tm.khan'],
    body: { version: op.json.version, assessor_agrees: true } });
  assert.equal(oc.status, 200, oc.text);
  const selfAuth = await srv.api('POST', `/api/v1/care-act/assessments/${own.id}/authorise`, { token: t['tm.khan'], body: { version: oc.json.version } });
  assert.equal(selfAuth.status, 403);
  assert.match(selfAuth.json.detail, /carried out yourself/);

  const tl = await srv.api('GET', `/api/v1/persons/${pid}/timeline`, { token: t['sw.jones'] });
  const summaries = (tl.json.items ?? tl.json).map((e) => e.summary);
  assert.ok(summaries.includes('Care Act needs assessment completed: eligible needs'), summaries.join('; '));
  assert.ok(summaries.includes('Care Act needs assessment authorised'));
  const audited = sql(srv.db, `SELECT action FROM audit_trail WHERE resource_type = 'care_act_assessment' AND resource_id = '${a.id}' ORDER BY seq`);
  assert.deepEqual(audited.split('\n'), ['create', 'update', 'complete', 'authorise']);
});

test('stale version: 409 for the body version, 412 for If-Match; nothing changes', async () => {
  const a = await start('adult');
  const p = await patch(a, { notes: 'first visit' });
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('etag'), 'W/"2"');
  const stale = await patch(a, { notes: 'overwrite' });
  assert.equal(stale.status, 409);
  const im = await srv.api('PATCH', `/api/v1/care-act/assessments/${a.id}`, { token: t['sw.jones'],
    headers: { 'If-Match': 'W/"1"' }, body: { notes: 'overwrite' } });
  assert.equal(im.status, 412);
  const none = await srv.api('PATCH', `/api/v1/care-act/assessments/${a.id}`, { token: t['sw.jones'], body: { notes: 'x' } });
  assert.equal(none.status, 422);
  assert.equal(none.json.errors[0].field, 'version');
  assert.equal(sql(srv.db, `SELECT notes || '|' || version FROM care_act_assessments WHERE id = '${a.id}'`), 'first visit|2');
});

test('without a relationship: 403, nothing created, and the attempt audited', async () => {
  const pid = await person();
  const a = await start('adult', t['sw.jones'], pid);
  const before = Number(sql(srv.db, 'SELECT count(*) FROM care_act_assessments'));
  const create = await srv.api('POST', `/api/v1/persons/${pid}/care-act/assessments`, { token: t['rn.patel'], body: { kind: 'adult' } });
  assert.equal(create.status, 403);
  assert.match(create.json.type, /no-legitimate-relationship$/);
  assert.equal(Number(sql(srv.db, 'SELECT count(*) FROM care_act_assessments')), before);
  for (const [m, p] of [['GET', `/api/v1/care-act/assessments/${a.id}`], ['GET', `/api/v1/persons/${pid}/care-act/assessments`],
                        ['PATCH', `/api/v1/care-act/assessments/${a.id}`]]) {
    const r = await srv.api(m, p, { token: t['rn.patel'], body: m === 'PATCH' ? { version: 1, notes: 'x' } : undefined });
    assert.equal(r.status, 403, `${m} ${p}`);
    assert.equal(r.json.family_name, undefined);
  }
  const rn = sql(srv.db, "SELECT id FROM users WHERE username = 'rn.patel'");
  assert.ok(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE user_id = '${rn}' AND person_id = '${pid}' AND action = 'read_denied'`)) >= 4);
  // The assessor's own read is audited with its basis.
  const g = await srv.api('GET', `/api/v1/care-act/assessments/${a.id}`, { token: t['sw.jones'] });
  assert.equal(g.status, 200);
  assert.equal(g.json.family_name.startsWith('Assessed'), true);
  assert.equal(sql(srv.db, `SELECT basis FROM audit_trail WHERE action = 'read' AND resource_id = '${a.id}'`), 'relationship');
  const list = await srv.api('GET', `/api/v1/persons/${pid}/care-act/assessments`, { token: t['sw.jones'] });
  assert.deepEqual(list.json.items.map((i) => i.id), [a.id]);
  assert.equal(list.json.next_cursor, null);
});

test('an open assessment is a legitimate relationship; it ends after the grace period once authorised', async () => {
  const pid = await person();
  const a = await start('adult', t['sw.jones'], pid);
  sql(srv.db, `UPDATE caseloads SET closed_on = '2000-01-01' WHERE person_id = '${pid}'`);
  const open = await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['sw.jones'] });
  assert.equal(open.status, 200, 'the draft assessment keeps the relationship');
  sql(srv.db, `UPDATE care_act_assessments SET status = 'authorised', authorised_at = '2000-02-01T00:00:00Z' WHERE id = '${a.id}'`);
  const ended = await srv.api('GET', `/api/v1/persons/${pid}`, { token: t['sw.jones'] });
  assert.equal(ended.status, 403);
});

test('bad input names each field and leaves the database unchanged', async () => {
  const pid = await person();
  const kind = await srv.api('POST', `/api/v1/persons/${pid}/care-act/assessments`, { token: t['sw.jones'], body: { kind: 'child', team_id: 'nope' } });
  assert.equal(kind.status, 422);
  assert.deepEqual(kind.json.errors.map((e) => e.field).sort(), ['kind', 'team_id']);
  const a = await start('adult', t['sw.jones'], pid);
  const bad = await patch(a, { colour: 'blue', impairment_or_illness: 'yes', outcomes: { flying: [], nutrition: ['tired'] },
                               wellbeing: ['dignity', 'health', 'happiness'], notes: 7 });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(),
                   ['colour', 'impairment_or_illness', 'notes', 'outcomes.flying', 'outcomes.nutrition', 'wellbeing[2]']);
  assert.equal(sql(srv.db, `SELECT version || '|' || outcomes || '|' || COALESCE(wellbeing, 'null') FROM care_act_assessments WHERE id = '${a.id}'`), '1|{}|null');
  const badBool = await srv.api('POST', `/api/v1/care-act/assessments/${a.id}/complete`, { token: t['sw.jones'], body: { version: 1 } });
  assert.equal(badBool.status, 422);
  assert.ok(badBool.json.errors.some((e) => e.field === 'assessor_agrees'));
  assert.equal(sql(srv.db, `SELECT status FROM care_act_assessments WHERE id = '${a.id}'`), 'draft');
});

test('the demo adds assessments at every status, the same ones for the same seed', async () => {
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'seamless-care-act-'));
    const db = newDatabase(dir);
    try {
      const r = await cliAsync(['demo', '--db', db, '--persons', '2000', '--seed', '7']);
      assert.equal(r.status, 0, r.stderr);
      runs.push(sql(db, "SELECT a.kind || ':' || a.status || ':' || COALESCE(CAST(a.eligible AS TEXT), '-') || ':' || p.nhs_number" +
                        ' FROM care_act_assessments a JOIN persons p ON p.id = a.person_id ORDER BY p.nhs_number, a.kind'));
    } finally { rmSync(dir, { recursive: true, force: true }); dropDatabase(db); }
  }
  assert.equal(runs[0], runs[1]);
  const statuses = new Set(runs[0].split('\n').map((l) => l.split(':')[1]));
  assert.deepEqual([...statuses].sort(), ['authorised', 'completed', 'draft']);
  assert.ok(runs[0].includes('carer:completed:1:'), runs[0]);
});

test('merging a duplicate record moves its assessments to the survivor', async () => {
  const survivor = await person();
  const duplicate = await person();
  const a = await start('carer', t['sw.jones'], duplicate);
  const m = await srv.api('POST', `/api/v1/persons/${survivor}/merge`, { token: t.admin, body: { merge_id: duplicate } });
  assert.equal(m.status, 200, m.text);
  const list = await srv.api('GET', `/api/v1/persons/${survivor}/care-act/assessments`, { token: t['sw.jones'] });
  assert.deepEqual(list.json.items.map((i) => [i.id, i.kind]), [[a.id, 'carer']]);
  assert.equal(sql(srv.db, `SELECT count(*) FROM care_act_assessments WHERE person_id = '${duplicate}'`), '0');
});

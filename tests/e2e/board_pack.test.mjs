// Partnership boards and the joint outcomes board pack end-to-end (domain.md
// §12, issue #17 ¶6-9): every measure carries numerator, denominator,
// target, status and its monthly series; a measure with nothing to count
// says "no data", never 0%; counts 1-4 and percentages built
// on them are suppressed (the threshold set per partnership); CSV and an
// XLSX workbook checked with unzip; the disputes policy set by an org admin;
// and a board viewer walking every route never receives personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, sql, day, TODAY, addDays } from './harness.mjs';

let srv, t, org, partnership, person, task, dispute;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'tm.khan', 'icb.mgr', 'board', 'admin', 'finance']) t[u] = srv.token(u);
  org = {};
  for (const c of ['SCC', 'SICB', 'HCP']) org[c] = sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  partnership = sql(srv.db, 'SELECT id FROM partnerships');
  let r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { nhs_number: '943 476 5919',
    family_name: 'Quixote', given_name: 'Zebedee', date_of_birth: '1938-07-14', sex: 'male', postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  person = r.json.id;
  r = await srv.api('POST', `/api/v1/persons/${person}/plans`, { token: t['sw.jones'], body: {
    needs: 'Zebedee needs wound care', outcomes: 'Stay at home', start_on: day(-30), review_on: day(90) } });
  r = await srv.api('POST', `/api/v1/plans/${r.json.id}/tasks`, { token: t['sw.jones'], body: { version: r.json.version,
    task_code: 'stoma_care', calls: 1, per: 'day', minutes_per_call: 30, weekly_cost_pence: 7000,
    provider_org_id: org.HCP, accountable_org_id: org.SICB } });
  assert.equal(r.status, 201, r.text);
  task = r.json.tasks[0].id;
});
after(async () => { await srv.stop(); srv.cleanup(); });

const fields = (r) => (r.json?.errors ?? []).map((e) => e.field);
const raise = (token = t['sw.jones']) => srv.api('POST', '/api/v1/disputes', { token, body: {
  subject: { type: 'plan_task', id: task }, against_org_id: org.SICB, question: 'Who funds Zebedee Quixote\'s care?',
  position: 'Zebedee Quixote needs a nurse.' } });
const pack = (q = '', token = t.board) => srv.api('GET', `/api/v1/board-pack?from=${day(-60)}&to=${TODAY}${q}`, { token });
const measure = (p, id) => p.json.measures.find((m) => m.id === id);
const section = (p, id) => p.json.sections.find((s) => s.id === id);

// n referrals received yesterday, of which `resolved` closed at the first contact (signposted), the rest sent on.
let referred = 0;
async function referrals(n, resolved) {
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN01'");
  const dr = srv.token('dr.rivers'), fd = srv.token('fd.ali');
  for (let i = 0; i < n; i++) {
    referred++;
    let r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: { family_name: `Referred${referred}`,
      given_name: 'Pat', date_of_birth: '1941-05-0' + (referred % 9 + 1), sex: 'female', postcode: 'LE11 3AB', gp_practice_id: gp } });
    assert.equal(r.status, 201, r.text);
    r = await srv.api('POST', '/api/v1/referrals', { token: dr, body: { person_id: r.json.id, source: 'gp',
      reason: 'Falls at home', urgency: 'routine', consent: 'given', received_at: `${day(-1)}T10:00:00Z`,
      referrer: { name: 'Dr Ren Rivers', phone: '0116 496 0000', organisation: 'Riverside Surgery' } } });
    assert.equal(r.status, 201, r.text);
    const tr = await srv.api('POST', `/api/v1/referrals/${r.json.id}/triage`, { token: fd,
      body: { route: i < resolved ? 'signposting' : 'social_care_assessment' } });
    assert.equal(tr.status, 200, tr.text);
  }
}

test('the disputes policy is set per partnership by an org admin; new stages follow it', async () => {
  let r = await srv.api('GET', '/api/v1/partnerships', { token: t.admin });
  assert.equal(r.status, 200, r.text);
  const p = r.json.items[0];
  assert.deepEqual(p.working_days, { case_leads: 10, managers: 10, senior_officers: 20, arbitration: 30 });
  r = await srv.api('PUT', `/api/v1/partnerships/${p.id}/policy`, { token: t.admin, body: { version: p.version,
    working_days: { case_leads: 0 } } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['working_days.case_leads']);
  r = await srv.api('PUT', `/api/v1/partnerships/${p.id}/policy`, { token: t['tm.khan'], body: { version: p.version } });
  assert.equal(r.status, 403, r.text);
  r = await srv.api('PUT', `/api/v1/partnerships/${p.id}/policy`, { token: t.admin, body: { version: p.version,
    working_days: { case_leads: 1, managers: 10, senior_officers: 20, arbitration: 30 } } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.working_days.case_leads, 1);
  const d = await raise();
  assert.equal(d.status, 201, d.text);
  // One working day: after today, within the longest run of weekend and bank holidays.
  assert.ok(d.json.stage_deadline > TODAY && d.json.stage_deadline <= addDays(TODAY, 5), d.json.stage_deadline);
  dispute = d.json;
  r = await srv.api('PUT', `/api/v1/partnerships/${p.id}/policy`, { token: t.admin, body: { version: r.json.version,
    working_days: { case_leads: null, managers: null, senior_officers: null, arbitration: null } } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.working_days.case_leads, 10);
});

test('every measure carries numerator, denominator, target, status and its series; nothing to count is no data', async () => {
  const r = await pack();
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.months.length >= 2);
  for (const m of r.json.measures) {
    for (const k of ['numerator', 'denominator', 'target', 'status', 'series']) assert.ok(k in m, `${m.id} has ${k}`);
    assert.equal(m.series.length, r.json.months.length, m.id);
    for (const f of m.series) for (const k of ['numerator', 'denominator', 'status']) assert.ok(k in f, `${m.id} series ${k}`);
  }
  const dis = section(r, 'discharge');                  // the demo without people has no stays yet
  assert.deepEqual(dis.measures.map((m) => m.id), ['discharge_without_delay', 'reablement_at_home_91_days']);
  for (const m of dis.measures) {
    assert.equal(m.status, 'no_data');
    assert.equal(m.denominator, 0);
    assert.equal(m.percent, null);                      // never 0%
  }
  assert.deepEqual(dis.delayed_by_sector, { nhs: 0, social_care: 0, both: 0 });
  const chc = measure(r, 'chc_decisions_within_28_days');
  assert.equal(chc.status, 'no_data');                  // nothing decided in the period: no data, not 0% or green
  assert.equal(chc.percent, null);
  assert.equal((await pack('', t['sw.jones'])).status, 403);   // a practitioner has no aggregates role
  const bad = await srv.api('GET', `/api/v1/board-pack?from=${TODAY}&to=${day(-1)}`, { token: t.board });
  assert.equal(bad.status, 422, bad.text);
  assert.deepEqual(fields(bad), ['to']);
  const fmt = await srv.api('GET', '/api/v1/board-pack?format=pdf', { token: t.board });
  assert.deepEqual(fields(fmt), ['format']);
});

test('small numbers: counts 1-4 and percentages built on them are suppressed; the threshold is the partnership\'s', async () => {
  await referrals(3, 2);
  let r = await pack();
  let m = measure(r, 'first_contact_resolution');
  assert.equal(m.suppressed, true);
  assert.equal(m.status, 'suppressed');
  assert.deepEqual([m.numerator, m.denominator, m.percent], [null, null, null]);
  const open = section(r, 'disputes').open_by_stage.find((s) => s.stage === 'Case leads');
  assert.equal(open.open, null);                        // 1 open dispute: suppressed
  assert.ok(!JSON.stringify(r.json).includes('Quixote'));
  await referrals(7, 4);                                // 10 contacts, 6 resolved at the first
  r = await pack();
  m = measure(r, 'first_contact_resolution');
  assert.deepEqual([m.numerator, m.denominator, m.percent, m.status], [6, 10, '60.0%', 'red']);
  const month = m.series.find((f) => f.month === day(-1).slice(0, 7));
  assert.deepEqual([month.numerator, month.denominator], [6, 10]);
  // Threshold 0 (off) for this partnership: 1 shows.
  const p = (await srv.api('GET', '/api/v1/partnerships', { token: t.admin })).json.items[0];
  let u = await srv.api('PUT', `/api/v1/partnerships/${p.id}/policy`, { token: t.admin, body: { version: p.version, suppress_max: 0 } });
  assert.equal(u.status, 200, u.text);
  r = await pack();
  assert.equal(section(r, 'disputes').open_by_stage.find((s) => s.stage === 'Case leads').open, 1);
  assert.equal(r.json.suppression.max, 0);
  u = await srv.api('PUT', `/api/v1/partnerships/${p.id}/policy`, { token: t.admin, body: { version: u.json.version, suppress_max: 4 } });
  assert.equal(u.status, 200, u.text);
});

test('CSV and an XLSX workbook: a summary sheet and one sheet per measure, numbers as numbers', async () => {
  const csv = await srv.api('GET', `/api/v1/board-pack?from=${day(-60)}&to=${TODAY}&format=csv`, { token: t.board });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text, /^board_pack,/);
  assert.match(csv.text, /section,measure,title,month,numerator,denominator,percent,target,status/);
  assert.match(csv.text, /"referrals","first_contact_resolution",.*,all,6,10,"60.0%","at least 70%",red/);
  assert.match(csv.text, /"discharge","discharge_without_delay",.*,all,0,0,no data,/);
  assert.match(csv.text, /disputes_open_by_stage,Case leads,suppressed/);
  assert.ok(!csv.text.includes('Quixote'));
  const res = await fetch(`${srv.base}/api/v1/board-pack?from=${day(-60)}&to=${TODAY}&format=xlsx`,
                          { headers: { Authorization: `Bearer ${t.board}` } });
  assert.equal(res.status, 200);
  const file = path.join(srv.dir, 'pack.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const list = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
  const workbook = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
  const sheets = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((x) => x[1]);
  assert.equal(sheets[0], 'Summary');
  const pk = (await pack()).json;
  assert.equal(sheets.length, 1 + pk.measures.length, list);
  assert.ok(sheets.includes('first_contact_resolution'));
  const idx = sheets.indexOf('first_contact_resolution') + 1;
  const sheet = execFileSync('unzip', ['-p', file, `xl/worksheets/sheet${idx}.xml`], { encoding: 'utf8' });
  assert.match(sheet, /<c r="B\d+"[^>]*><v>6<\/v><\/c><c r="C\d+"[^>]*><v>10<\/v><\/c><c r="D\d+"[^>]*><v>0.6<\/v><\/c>/);
  const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.ok(!strings.includes('Quixote') && !strings.includes('Referred'));
});

test('boards: members, meeting cycle and what they received since the last meeting, counts only', async () => {
  const r = await srv.api('GET', '/api/v1/boards', { token: t.board });
  assert.equal(r.status, 200, r.text);
  const b = r.json.items[0];
  assert.equal(b.name, 'Integrated Personalised Care Board');
  assert.equal(b.member, true);
  assert.ok(b.members.some((m) => m.role === 'board_viewer'));
  assert.equal(b.cycle_days, 28);
  assert.ok(b.next_meeting > TODAY);
  for (const k of ['shared_care_decisions', 'disputes_settled', 'disputes_withdrawn']) assert.equal(typeof b.received[k], 'number');
  const viewer = sql(srv.db, "SELECT id FROM users WHERE username = 'board'");
  const sw = sql(srv.db, "SELECT id FROM users WHERE username = 'sw.jones'");
  let c = await srv.api('POST', '/api/v1/boards', { token: t.admin, body: { partnership_id: partnership, name: 'Health and Wellbeing Board',
    first_on: day(3), cycle_days: 56, member_user_ids: [viewer, sw] } });
  assert.equal(c.status, 422, c.text);                 // a practitioner is not a board member
  assert.deepEqual(fields(c), ['member_user_ids']);
  c = await srv.api('POST', '/api/v1/boards', { token: t.admin, body: { partnership_id: partnership, name: 'Health and Wellbeing Board',
    first_on: day(3), cycle_days: 56, member_user_ids: [viewer] } });
  assert.equal(c.status, 201, c.text);
  const page = await srv.api('GET', `/board-pack?board=${c.json.id}`, { token: t.board, headers: { Accept: 'text/html' } });
  assert.equal(page.status, 200);
  assert.match(page.text, /Health and Wellbeing Board/);
  assert.match(page.text, /<svg class="seamless-chart"[^>]*role="img"/);
  assert.match(page.text, /Delayed discharges in the period by the sector of the delay/);
});

test('a board viewer walking every route never receives personal data', async () => {
  const routes = [...readFileSync('src/api/routes.c', 'utf8').matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"/g)]
    .map((x) => ({ method: x[1], path: x[2] }));
  assert.ok(routes.length > 100);
  const plan = sql(srv.db, `SELECT id FROM care_plans WHERE person_id = '${person}'`);
  const ids = [person, dispute.id, plan, task];
  const markers = ['Quixote', 'Zebedee', '9434765919', '943 476 5919', '1938-07-14', '14 July 1938'];
  let calls = 0;
  for (const r of routes) {
    if (r.path === '/api/v1/sessions' || r.path.startsWith('/logout') || r.path.includes('sessions/current')) continue;
    const fills = r.path.includes('{') ? (r.method === 'GET' ? ids : [person, dispute.id]) : [null];
    for (const id of fills) {
      const p = id ? r.path.replace(/\{[a-z_]+\}/g, id) : r.path;
      const res = await srv.api(r.method, p, { token: t.board, body: r.method === 'GET' ? undefined : {},
                                               headers: p.startsWith('/api/') ? {} : { Accept: 'text/html' } });
      calls++;
      for (const mk of markers) assert.ok(!res.text.includes(mk), `${r.method} ${p} (${res.status}) returned ${mk}`);
    }
  }
  assert.ok(calls > 150);
  // Still there: the walk changed nothing about the person.
  const still = await srv.api('GET', `/api/v1/persons/${person}`, { token: t['sw.jones'] });
  assert.equal(still.json.family_name, 'Quixote');
});

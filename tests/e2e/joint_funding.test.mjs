// Joint funding end-to-end (domain.md §9, issue #9): a request raised from a
// plan is listed for the panel's next meeting on its cycle; raising it for
// a health task with no agreed funding starts NHS interim funding from the
// plan's start; the panel's decision sets the split from its effective date
// (apportionment before vs after), closes the interim period and reconciles
// it to the penny; refusals, amendments and deferrals; only panel members
// decide; bad input names the field and stores nothing; recharge
// statements as JSON, CSV and XLSX with lines traceable to plan tasks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, sql, day } from './harness.mjs';
// "2026-12-02" as pages show it: "2 December 2026" (issue #14 item 11).
const longDate = (iso) => new Date(iso + 'T12:00:00Z').toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });


let srv, t, org, jfp;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'panel', 'finance', 'rn.patel']) t[u] = srv.token(u);
  org = {};
  for (const c of ['SCC', 'SICB', 'HCP']) org[c] = sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  jfp = sql(srv.db, "SELECT id FROM teams WHERE code = 'JFP'");
  await cycle(-14);
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field);

async function cycle(firstOffset, days = 14) {
  const r = await srv.api('PUT', `/api/v1/panels/${jfp}`, { token: t.panel, body: { first_on: day(firstOffset), cycle_days: days } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

let n = 0;
// An agreed plan starting `start` days from today with one task.
async function plan(start, task) {
  n++;
  let r = await srv.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Funded${n}`, given_name: 'Jo', date_of_birth: '1940-05-1' + (n % 9), sex: 'male', postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('POST', `/api/v1/persons/${r.json.id}/plans`, { token: t['sw.jones'], body: {
    needs: 'Stoma and insulin', outcomes: 'Stay at home', start_on: day(start), review_on: day(90) } });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('POST', `/api/v1/plans/${r.json.id}/tasks`, { token: t['sw.jones'], body: { version: r.json.version,
    calls: 1, per: 'day', minutes_per_call: 30, provider_org_id: org.HCP, accountable_org_id: org.SICB, ...task } });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('PATCH', `/api/v1/plans/${r.json.id}`, { token: t['sw.jones'], body: { version: r.json.version,
    status: 'agreed', vfm_call_frequency: 'One call', vfm_skill_mix: 'Trained carer', vfm_assistive_technology: 'None',
    vfm_community_resources: 'Lunch club' } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const raise = (p, body = {}, token = t['sw.jones']) => srv.api('POST', `/api/v1/plans/${p.id}/joint-funding-requests`, {
  token, body: { task_ids: [p.tasks[0].id], proposed_split: { unit: 'basis_points', nhs: 5000, council: 5000, person: 0 },
                 evidence: 'Health and social care needs are intertwined (DST)', ...body } });

const decide = (req, body, token = t.panel) => srv.api('POST', `/api/v1/joint-funding-requests/${req.id}/decision`, {
  token, body: { version: req.version, ...body } });

const readPlan = async (p) => (await srv.api('GET', `/api/v1/plans/${p.id}`, { token: t['sw.jones'] })).json;

test('a request is listed for the next panel on the cycle; a request on a panel day goes to that day', async () => {
  const p = await plan(-3, { task_code: 'stoma_care', weekly_cost_pence: 7000 });
  await cycle(-14);                              // today is a panel day (first + 14)
  let r = await raise(p);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.panel_on, day(0));
  assert.equal(r.json.status, 'requested');
  assert.equal(r.json.panel_team_id, jfp);
  await cycle(-13);                              // next meeting tomorrow
  r = await raise(p, { task_ids: [p.tasks[0].id] });
  assert.equal(r.json.panel_on, day(1));
  await cycle(-1, 7);                            // weekly, met yesterday: next in 6 days
  r = await raise(p);
  assert.equal(r.json.panel_on, day(6));
  const agenda = await srv.api('GET', `/api/v1/panels/${jfp}/agenda?date=${day(1)}`, { token: t.panel });
  assert.equal(agenda.status, 200, agenda.text);
  assert.deepEqual(agenda.json.items.map((x) => x.plan_id), [p.id]);
  assert.equal(agenda.json.items[0].tasks[0].id, p.tasks[0].id);
  const denied = await srv.api('GET', `/api/v1/panels/${jfp}/agenda`, { token: t['sw.jones'] });
  assert.equal(denied.status, 403, denied.text);
  await cycle(-14);
});

test('agreed from an effective date: apportionment changes from then; interim funding reconciled to the penny', async () => {
  const p = await plan(-20, { task_code: 'stoma_care', weekly_cost_pence: 10001 });
  assert.deepEqual((await readPlan(p)).tasks[0].weekly, { total_pence: 10001, nhs_pence: 10001, council_pence: 0, person_pence: 0 });
  let r = await raise(p);
  assert.equal(r.status, 201, r.text);
  const req = r.json;
  assert.equal(req.interim_funding.length, 1);
  assert.equal(req.interim_funding[0].from_on, day(-20));      // from the plan's start, funded by the NHS
  assert.equal(req.interim_funding[0].funder, 'nhs');
  assert.equal(req.interim_funding[0].to_on, null);
  const auditsBefore = count("audit_trail WHERE action = 'decide'");
  r = await decide(req, { decision: 'agreed', effective_from: day(-10), note: 'Agreed 50:50' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'agreed');
  assert.deepEqual(r.json.decided_split, { unit: 'basis_points', nhs: 5000, council: 5000, person: 0 });
  assert.equal(count("audit_trail WHERE action = 'decide'"), auditsBefore + 1);
  const i = r.json.interim_funding[0];
  // 10 days (day -20 .. day -11) of 10001p a week = 100010 / 7 = 14287.14 -> 14287; 50:50, odd penny to the NHS.
  assert.deepEqual([i.to_on, i.days, i.total_pence, i.nhs_pence, i.council_pence, i.council_owes_nhs_pence],
                   [day(-11), 10, 14287, 7144, 7143, 7143]);
  const after = (await readPlan(p)).tasks[0];
  assert.equal(after.split_source, 'panel');
  assert.equal(after.split_effective_from, day(-10));
  assert.deepEqual(after.weekly, { total_pence: 10001, nhs_pence: 5001, council_pence: 5000, person_pence: 0 });
  // Decided once only.
  r = await decide(r.json, { decision: 'refused', effective_from: day(0) });
  assert.equal(r.status, 409, r.text);

  const st = await srv.api('GET', `/api/v1/recharge-statements?from=${day(-20)}&to=${day(0)}`, { token: t.finance });
  assert.equal(st.status, 200, st.text);
  const line = st.json.lines.find((l) => l.task_id === p.tasks[0].id);
  assert.equal(line.plan_id, p.id);
  assert.deepEqual(line.segments.map((s) => [s.basis, s.from, s.to, s.days, s.total_pence, s.nhs_pence, s.council_pence]),
                   [['interim', day(-20), day(-11), 10, 14287, 14287, 0],
                    ['panel', day(-10), day(0), 11, 15716, 7858, 7858]]);   // 110011 / 7 = 15715.86 -> 15716
  assert.equal(line.total_pence, 30003);
  assert.equal(line.council_owes_nhs_pence, 7858);
  const rec = st.json.reconciliations.find((x) => x.plan_task_id === p.tasks[0].id);
  assert.equal(rec.council_owes_nhs_pence, 7143);
  const tot = st.json.totals, sum = (k) => st.json.lines.reduce((a, l) => a + l[k], 0);
  for (const k of ['total_pence', 'nhs_pence', 'council_pence', 'person_pence']) assert.equal(tot[k], sum(k), k);
  assert.equal(tot.nhs_pence + tot.council_pence + tot.person_pence, tot.total_pence);
  assert.equal(tot.council_owes_nhs_pence, sum('council_owes_nhs_pence') +
               st.json.reconciliations.reduce((a, x) => a + x.council_owes_nhs_pence, 0));
});

test('refused: the NHS-accountable task stays with the NHS and the council owes nothing back', async () => {
  const p = await plan(-7, { task_code: 'insulin_administration', weekly_cost_pence: 7001 });
  const req = (await raise(p)).json;
  const r = await decide(req, { decision: 'refused', effective_from: day(0), note: 'Primarily a health need' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.decided_split, null);
  const i = r.json.interim_funding[0];
  assert.deepEqual([i.days, i.total_pence, i.nhs_pence, i.council_pence, i.council_owes_nhs_pence], [7, 7001, 7001, 0, 0]);
  assert.deepEqual((await readPlan(p)).tasks[0].weekly, { total_pence: 7001, nhs_pence: 7001, council_pence: 0, person_pence: 0 });
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM care_task_splits WHERE plan_task_id = '${p.tasks[0].id}'`)), 0);
});

test('amended split in shares, with the person contributing; deferred goes to the next panel', async () => {
  const p = await plan(-10, { task_code: 'catheter_care', weekly_cost_pence: 10001 });
  let req = (await raise(p)).json;
  let r = await decide(req, { decision: 'deferred', note: 'Needs the OT report' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'deferred');
  assert.equal(r.json.panel_on, day(14));
  assert.equal(r.json.interim_funding[0].to_on, null);          // interim funding continues
  const agenda = await srv.api('GET', `/api/v1/panels/${jfp}/agenda?date=${day(14)}`, { token: t.panel });
  assert.ok(agenda.json.items.some((x) => x.id === req.id));
  req = r.json;
  r = await decide(req, { decision: 'amended', effective_from: day(0), split: { unit: 'shares', nhs: 1, council: 1, person: 1 } });
  assert.equal(r.status, 200, r.text);
  const i = r.json.interim_funding[0];
  // 10 days: 14287 by 1:1:1 -> 4763 / 4762 / 4762.
  assert.deepEqual([i.days, i.total_pence, i.nhs_pence, i.council_pence, i.person_pence, i.person_owes_nhs_pence],
                   [10, 14287, 4763, 4762, 4762, 4762]);
  assert.deepEqual((await readPlan(p)).tasks[0].weekly, { total_pence: 10001, nhs_pence: 3334, council_pence: 3334, person_pence: 3333 });
});

test('only panel members decide; bad input names the field and stores nothing', async () => {
  const p = await plan(-5, { task_code: 'stoma_care', weekly_cost_pence: 5000 });
  const req = (await raise(p)).json;
  const before = [count('joint_funding_requests'), count('care_task_splits'), count('interim_funding_periods')];
  let r = await decide(req, { decision: 'agreed', effective_from: day(0) }, t['sw.jones']);
  assert.equal(r.status, 403, r.text);
  r = await decide(req, { decision: 'agreed', effective_from: day(0) }, t['rn.patel']);
  assert.equal(r.status, 403, r.text);
  r = await decide(req, { decision: 'maybe' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['decision']);
  r = await decide(req, { decision: 'agreed' });
  assert.deepEqual(fields(r), ['effective_from']);
  r = await decide(req, { decision: 'amended', effective_from: day(0), split: { nhs: 6000, council: 3000, person: 0 } });
  assert.deepEqual(fields(r), ['split']);
  r = await decide({ ...req, version: req.version + 5 }, { decision: 'agreed', effective_from: day(0) });
  assert.equal(r.status, 409, r.text);
  r = await raise(p, { proposed_split: { nhs: 6000, council: 3000, person: -1 }, evidence: '', task_ids: ['nope'] });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r).sort(), ['evidence', 'proposed_split.person', 'task_ids[0]']);
  r = await raise(p, { proposed_split: { nhs: 6000, council: 3000, person: 0 } });
  assert.deepEqual(fields(r), ['proposed_split']);
  assert.deepEqual([count('joint_funding_requests'), count('care_task_splits'), count('interim_funding_periods')], before);
  assert.equal((await srv.api('GET', `/api/v1/joint-funding-requests/${req.id}`, { token: t.panel })).json.status, 'requested');
  // No relationship to the person: no request.
  r = await raise(p, {}, t.finance);
  assert.equal(r.status, 403, r.text);
});

test('recharge statements: finance only, dates checked, CSV and XLSX traceable to plan tasks', async () => {
  const p = await plan(-3, { task_code: 'peg_feeding', weekly_cost_pence: 7000 });
  let r = await srv.api('GET', `/api/v1/recharge-statements?from=${day(-3)}&to=${day(0)}`, { token: t['sw.jones'] });
  assert.equal(r.status, 403, r.text);
  r = await srv.api('GET', `/api/v1/recharge-statements?from=2026-13-01&to=${day(0)}`, { token: t.finance });
  assert.deepEqual(fields(r), ['from']);
  r = await srv.api('GET', `/api/v1/recharge-statements?from=${day(0)}&to=${day(-1)}`, { token: t.finance });
  assert.deepEqual(fields(r), ['to']);
  const csv = await fetch(`${srv.base}/api/v1/recharge-statements?from=${day(-3)}&to=${day(0)}&format=csv`,
                          { headers: { Authorization: `Bearer ${t.finance}` } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const text = await csv.text();
  // 4 days of 70.00 a week = 40.00, all NHS (accountable), nothing recharged.
  assert.ok(text.includes(`line,${p.id},${p.tasks[0].id},"PEG feeding",${day(-3)},${day(0)},4,70.00,40.00,40.00,0.00,0.00,0.00`), text);
  assert.match(text, /^net,council_owes_nhs_gbp,/m);
  const x = await fetch(`${srv.base}/api/v1/recharge-statements?from=${day(-3)}&to=${day(0)}&format=xlsx`,
                        { headers: { Authorization: `Bearer ${t.finance}` } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const file = path.join(srv.dir, 'recharge.xlsx');
  writeFileSync(file, Buffer.from(await x.arrayBuffer()));
  const workbook = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
  assert.match(workbook, /name="Lines"/);
  assert.match(workbook, /name="Reconciliations"/);
  const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.ok(strings.includes(p.tasks[0].id) && strings.includes(p.id));
  const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  assert.match(sheet, /<v>40<\/v>/);
});

test('pages without JavaScript: raise from the plan, decide on the agenda, the statement with downloads', async () => {
  const p = await plan(-4, { task_code: 'stoma_care', weekly_cost_pence: 14000 });
  const sw = await srv.login('sw.jones'), pm = await srv.login('panel'), fin = await srv.login('finance');
  const form = (s, url, fields) => fetch(srv.base + url, { method: 'POST', redirect: 'manual', headers: { Cookie: s.cookie,
    Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const page = async (s, url) => { const r = await fetch(srv.base + url, { headers: { Cookie: s.cookie } }); return { status: r.status, text: await r.text() }; };
  assert.match((await page(sw, `/plans/${p.id}`)).text, new RegExp(`/plans/${p.id}/joint-funding`));
  const split = { proposed_split_nhs: '7000', proposed_split_council: '3000', proposed_split_person: '0' };
  const before = count('joint_funding_requests');
  let r = await form(sw, `/plans/${p.id}/joint-funding`, { task_ids: p.tasks[0].id, ...split, evidence: 'DST' });
  assert.equal(r.status, 403, 'no CSRF token');
  r = await form(sw, `/plans/${p.id}/joint-funding`, { csrf_token: sw.csrf, task_ids: p.tasks[0].id, ...split, evidence: '' });
  assert.equal(r.status, 422);
  const bad = await r.text();
  assert.match(bad, /There is a problem/);
  assert.match(bad, /href="#raise-evidence"/);
  assert.equal(count('joint_funding_requests'), before);
  r = await form(sw, `/plans/${p.id}/joint-funding`, { csrf_token: sw.csrf, task_ids: p.tasks[0].id, ...split, evidence: 'DST shows intertwined needs' });
  assert.equal(r.status, 303);
  const mine = await page(sw, r.headers.get('location').split('#')[0]);
  assert.match(mine.text, /requested/);
  assert.match(mine.text, new RegExp(`Interim funding by the NHS from ${longDate(day(-4))}`));
  const id = sql(srv.db, `SELECT id FROM joint_funding_requests WHERE plan_id = '${p.id}'`);
  const agenda = await page(pm, `/panels/${jfp}/agenda?date=${day(0)}`);
  assert.equal(agenda.status, 200);
  assert.match(agenda.text, new RegExp(`/joint-funding-requests/${id}/decision`));
  assert.equal((await page(sw, `/panels/${jfp}/agenda`)).status, 403);
  r = await form(pm, `/joint-funding-requests/${id}/decision`, { csrf_token: pm.csrf, version: '1', decision: 'agreed', effective_from: '' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /href="#decide-effective_from"/);
  r = await form(pm, `/joint-funding-requests/${id}/decision`, { csrf_token: pm.csrf, version: '1', decision: 'agreed', effective_from: day(0), note: 'Agreed' });
  assert.equal(r.status, 303);
  // 4 days of 140.00 a week = 80.00 paid by the NHS; 70:30 -> the council owes 24.00.
  assert.match((await page(sw, `/plans/${p.id}/joint-funding`)).text, /council owes the NHS £24\.00/);
  const st = await page(fin, `/recharge-statements?from=${day(-4)}&to=${day(0)}`);
  assert.equal(st.status, 200);
  assert.match(st.text, new RegExp(`format=xlsx`));
  // Each line names its person with the NHS number and links the plan; no internal ids as text (issue #14 item 10).
  assert.match(st.text, new RegExp(`href="/plans/${p.id}/joint-funding">[A-Z][a-z]+ [A-Z]`));
  assert.match(st.text, /NHS number (\d{3} \d{3} \d{4}|not recorded)/);
  assert.doesNotMatch(st.text, new RegExp(`${p.id} / ${p.tasks[0].id}`));
  assert.match((await page(fin, `/recharge-statements?from=nope&to=${day(0)}`)).text, /href="#from"/);
});

// Issue #14 item 12: pages type and show splits in percent; the API keeps
// exact basis points; errors name the field in words.
test('a split typed in percent is stored in basis points and shown in percent', async () => {
  const p = await plan(-2, { task_code: 'stoma_care', weekly_cost_pence: 9000 });
  const sw = await srv.login('sw.jones');
  const form = (fields) => fetch(srv.base + `/plans/${p.id}/joint-funding`, { method: 'POST', redirect: 'manual',
    headers: { Cookie: sw.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: sw.csrf, task_ids: p.tasks[0].id, evidence: 'DST', proposed_split_unit: 'percent',
                                ...fields }).toString() });
  const before = count('joint_funding_requests');
  let r = await form({ proposed_split_nhs: '33.333', proposed_split_council: '66.67', proposed_split_person: '0' });
  assert.equal(r.status, 422);
  let html = await r.text();
  assert.match(html, /Enter the NHS share as a percentage from 0 to 100, like 60 or 33\.33/);
  assert.match(html, /href="#raise-proposed_split_nhs"/);
  assert.match(html, /value="33\.333"/, 'what was typed is kept');
  r = await form({ proposed_split_nhs: '33.33', proposed_split_council: '66', proposed_split_person: '0' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /The NHS, council and person percentages must add up to 100%/);
  assert.equal(count('joint_funding_requests'), before);
  r = await form({ proposed_split_nhs: '33.33', proposed_split_council: '66.67', proposed_split_person: '0' });
  assert.equal(r.status, 303, await r.text());
  const id = sql(srv.db, `SELECT id FROM joint_funding_requests WHERE plan_id = '${p.id}'`);
  const req = (await srv.api('GET', `/api/v1/joint-funding-requests/${id}`, { token: t['sw.jones'] })).json;
  assert.equal(req.proposed_split.unit, 'basis_points');
  assert.deepEqual([req.proposed_split.nhs, req.proposed_split.council, req.proposed_split.person], [3333, 6667, 0]);
  html = await (await fetch(srv.base + `/plans/${p.id}/joint-funding`, { headers: { Cookie: sw.cookie } })).text();
  assert.match(html, /Proposed: NHS 33\.33%, council 66\.67%, person 0%/);
  assert.doesNotMatch(html, /\(Percentages\)|basis points/i);
});

// Inter-agency disputes end-to-end (domain.md §10, issue #17): raised by a
// council against an NHS body of its partnership from a plan task; each
// stage's deadline in working days (bank holidays from the database);
// escalation one stage at a time up to arbitration; overdue stages listed
// for both parties' managers; withdrawal; an outcome that settles the
// interim funder's payments backwards to the penny and shows on the
// recharge statement; evidence checked by content (a renamed executable
// refused), size-limited, served only to the parties as an attachment;
// who may see a dispute; bad input names the field and stores nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, sql, day, addDays, TODAY, NOW, CLOCK_ENV } from './harness.mjs';

let srv, t, org, holidays;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['sw.jones', 'tm.khan', 'icb.mgr', 'chc.lead', 'rn.patel', 'board', 'finance']) t[u] = srv.token(u);
  org = {};
  for (const c of ['SCC', 'SICB', 'SHT', 'HCP']) org[c] = sql(srv.db, `SELECT id FROM organisations WHERE code = '${c}'`);
  const r = await srv.api('GET', '/api/v1/bank-holidays', { token: t['sw.jones'] });
  assert.equal(r.status, 200, r.text);
  holidays = new Set((r.json.items ?? r.json.holidays ?? []).map((h) => h.date));
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field);

// n working days after iso (Monday-Friday, not a bank holiday; the start day never counts).
function addWorkingDays(iso, n) {
  let d = iso;
  while (n > 0) {
    d = addDays(d, 1);
    const wd = new Date(d + 'T12:00:00Z').getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(d)) n--;
  }
  return d;
}

let n = 0;
// A person with an agreed plan (start days from today) and one task accountable to the ICB.
async function planTask(start = -30, weekly = 10001, base = srv) {
  n++;
  let r = await base.api('POST', '/api/v1/persons', { token: t['sw.jones'], body: {
    family_name: `Disputed${n}`, given_name: 'Alex', date_of_birth: '1941-03-1' + (n % 9), sex: 'female', postcode: 'LE11 3AB' } });
  assert.equal(r.status, 201, r.text);
  const person = r.json.id;
  r = await base.api('POST', `/api/v1/persons/${person}/plans`, { token: t['sw.jones'], body: {
    needs: 'Wound care', outcomes: 'Stay at home', start_on: day(start), review_on: day(90) } });
  assert.equal(r.status, 201, r.text);
  r = await base.api('POST', `/api/v1/plans/${r.json.id}/tasks`, { token: t['sw.jones'], body: { version: r.json.version,
    task_code: 'stoma_care', calls: 1, per: 'day', minutes_per_call: 30, weekly_cost_pence: weekly,
    provider_org_id: org.HCP, accountable_org_id: org.SICB } });
  assert.equal(r.status, 201, r.text);
  const plan = r.json;
  r = await base.api('PATCH', `/api/v1/plans/${plan.id}`, { token: t['sw.jones'], body: { version: plan.version,
    status: 'agreed', vfm_call_frequency: 'One call', vfm_skill_mix: 'Trained carer', vfm_assistive_technology: 'None',
    vfm_community_resources: 'Lunch club' } });
  assert.equal(r.status, 200, r.text);
  return { person, task: plan.tasks[0].id };
}

const body = (s, extra = {}) => ({ subject: { type: 'plan_task', id: s.task }, against_org_id: org.SICB,
  question: 'Is the stoma care a health need?', position: 'It needs a nurse: the NHS should fund it.', ...extra });
const raise = (s, extra, token = t['sw.jones'], base = srv) => base.api('POST', '/api/v1/disputes', { token, body: body(s, extra) });
const post = (d, action, b, token = t['sw.jones'], headers) => srv.api('POST', `/api/v1/disputes/${d.id}/${action}`, {
  token, headers, body: { version: d.version, ...b } });

test('raised at the case leads stage with its working-day deadline; each escalation one stage at a time', async () => {
  const s = await planTask();
  let r = await raise(s);
  assert.equal(r.status, 201, r.text);
  let d = r.json;
  assert.equal(d.stage, 'case_leads');
  assert.equal(d.stage_deadline, addWorkingDays(TODAY, 10));
  assert.equal(d.version, 1);
  assert.equal(r.headers.get('etag'), 'W/"1"');
  assert.equal(d.state, 'open');
  assert.equal(d.overdue, false);
  assert.equal(d.interim_funder_org.id, org.SICB);     // the ICB funds the task now, so it funds in the meantime
  assert.equal(d.person.id, s.person);
  assert.deepEqual(d.subject, { type: 'plan_task', id: s.task });
  // Skipping a stage is refused, naming to_stage; nothing changes.
  r = await post(d, 'escalate', { reason: 'Straight to arbitration', to_stage: 'senior_officers' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['to_stage']);
  const expect = [['managers', 10], ['senior_officers', 20], ['arbitration', 30]];
  for (const [stage, days] of expect) {
    r = await post(d, 'escalate', { reason: `No agreement: to ${stage}` }, t['icb.mgr']);
    assert.equal(r.status, 200, r.text);
    d = r.json;
    assert.equal(d.stage, stage);
    assert.equal(d.stage_started_on, TODAY);
    assert.equal(d.stage_deadline, addWorkingDays(TODAY, days));
  }
  assert.equal(d.next_stage, null);
  r = await post(d, 'escalate', { reason: 'Beyond arbitration' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['stage']);
  assert.deepEqual(d.events.map((e) => e.kind), ['raised', 'escalated', 'escalated', 'escalated']);
  // Stale versions: 409 from the body, 412 from If-Match.
  r = await post({ ...d, version: d.version - 1 }, 'notes', { text: 'Meeting booked' });
  assert.equal(r.status, 409, r.text);
  r = await post(d, 'notes', { text: 'Meeting booked' }, t['sw.jones'], { 'If-Match': `W/"${d.version - 1}"` });
  assert.equal(r.status, 412, r.text);
  r = await post(d, 'notes', { kind: 'meeting', text: 'Met the ICB lead', met_on: TODAY });
  assert.equal(r.status, 200, r.text);
  r = await post(r.json, 'notes', { kind: 'position', text: 'Not a health need.' });
  assert.equal(r.status, 422, r.text);                  // only the other party gives its position
  assert.deepEqual(fields(r), ['kind']);
  r = await post(d = (await srv.api('GET', `/api/v1/disputes/${d.id}`, { token: t['icb.mgr'] })).json, 'notes',
                 { kind: 'position', text: 'Social care: no clinical oversight needed.' }, t['icb.mgr']);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.against_position, 'Social care: no clinical oversight needed.');
  // On the person's timeline for those with a relationship.
  const tl = await srv.api('GET', `/api/v1/persons/${s.person}/timeline`, { token: t['sw.jones'] });
  assert.equal(tl.status, 200, tl.text);
  assert.ok(JSON.stringify(tl.json).includes('Inter-agency dispute raised'), tl.text);
});

test('who may see a dispute: both parties\' managers and staff with a relationship; never board viewers', async () => {
  const s = await planTask();
  const d = (await raise(s)).json;
  for (const u of ['sw.jones', 'tm.khan', 'icb.mgr']) {
    const r = await srv.api('GET', `/api/v1/disputes/${d.id}`, { token: t[u] });
    assert.equal(r.status, 200, `${u}: ${r.text}`);
  }
  const denied = count("audit_trail WHERE action = 'read_denied'");
  for (const [u, status] of [['rn.patel', 403], ['chc.lead', 403], ['board', 403]]) {
    const r = await srv.api('GET', `/api/v1/disputes/${d.id}`, { token: t[u] });
    assert.equal(r.status, status, `${u}: ${r.text}`);
    assert.ok(!r.text.includes('Disputed'), 'no personal data in a refusal');
  }
  assert.ok(count("audit_trail WHERE action = 'read_denied'") >= denied + 2);
  const list = await srv.api('GET', '/api/v1/disputes?state=open', { token: t.board });
  assert.equal(list.status, 403, list.text);
  const mine = await srv.api('GET', '/api/v1/disputes?state=open', { token: t['icb.mgr'] });
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.items.some((x) => x.id === d.id));
  const reads = Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'dispute' AND resource_id = '${d.id}'`));
  assert.ok(reads >= 4, 'every read audited');
});

test('an overdue stage is listed for both parties\' managers; withdrawal by the raising party only', async () => {
  const s = await planTask(-60);
  const past = addDays(TODAY, -40);
  const old = await startServer({ db: srv.db, env: { ...CLOCK_ENV, SEAMLESS_NOW: `${past}T10:00:00Z` } });
  let d;
  try {
    const r = await raise(s, {}, t['sw.jones'], old);
    assert.equal(r.status, 201, r.text);
    d = r.json;
    assert.equal(d.stage_deadline, addWorkingDays(past, 10));
  } finally { await old.stop(); }
  for (const u of ['tm.khan', 'icb.mgr']) {
    const r = await srv.api('GET', '/api/v1/disputes?state=overdue', { token: t[u] });
    assert.equal(r.status, 200, r.text);
    const x = r.json.items.find((i) => i.id === d.id);
    assert.ok(x, `${u} sees the overdue dispute`);
    assert.equal(x.overdue, true);
  }
  let r = await srv.api('GET', '/api/v1/disputes?state=sideways', { token: t['tm.khan'] });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['state']);
  r = await post(d, 'withdraw', { reason: 'Wrong organisation' }, t['icb.mgr']);
  assert.equal(r.status, 403, r.text);
  r = await post(d, 'withdraw', { reason: 'Settled informally' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'withdrawn');
  assert.equal(r.json.closed_on, TODAY);
  r = await post(r.json, 'escalate', { reason: 'Too late' });
  assert.equal(r.status, 409, r.text);
  const closed = await srv.api('GET', '/api/v1/disputes?state=closed', { token: t['tm.khan'] });
  assert.ok(closed.json.items.some((i) => i.id === d.id));
});

test('the outcome settles the interim funder\'s payments backwards to the penny, on the recharge statement', async () => {
  const s = await planTask(-60, 10001);
  const raised = addDays(TODAY, -20);
  const old = await startServer({ db: srv.db, env: { ...CLOCK_ENV, SEAMLESS_NOW: `${raised}T10:00:00Z` } });
  let d;
  try { d = (await raise(s, {}, t['sw.jones'], old)).json; } finally { await old.stop(); }
  const before = count('dispute_reconciliations');
  let r = await post(d, 'outcome', { outcome: 'Shared 50:50', effective_from: addDays(raised, -1),
                                     split: { nhs: 5000, council: 5000, person: 0 } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['effective_from']);     // before the dispute started
  r = await post(d, 'outcome', { outcome: 'Shared', effective_from: day(-10), split: { nhs: 5000, council: 4000, person: 0 } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['split']);
  r = await post(d, 'outcome', { outcome: 'Shared', effective_from: day(1) });
  assert.deepEqual(fields(r), ['effective_from']);     // in the future
  assert.equal(count('dispute_reconciliations'), before);
  assert.equal(sql(srv.db, `SELECT state FROM disputes WHERE id = '${d.id}'`), 'open');
  r = await post(d, 'outcome', { outcome: 'Shared equally from ten days ago', effective_from: day(-10),
                                 split: { nhs: 5000, council: 5000, person: 0 } }, t['icb.mgr']);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'settled');
  const rec = r.json.reconciliation;
  // 10 days (day -10 .. day -1) of 10001p a week = 100010 / 7 = 14287.14 -> 14287; 50:50, odd penny to the NHS;
  // the ICB paid the whole, so the council owes it its share.
  assert.deepEqual([rec.interim_funder, rec.from_on, rec.to_on, rec.days, rec.total_pence, rec.nhs_pence,
                    rec.council_pence, rec.council_owes_nhs_pence],
                   ['nhs', day(-10), day(-1), 10, 14287, 7144, 7143, 7143]);
  const st = await srv.api('GET', `/api/v1/recharge-statements?from=${day(-1)}&to=${day(0)}`, { token: t.finance });
  assert.equal(st.status, 200, st.text);
  const entry = st.json.reconciliations.find((x) => x.dispute_id === d.id);
  assert.ok(entry, st.text);
  assert.equal(entry.council_owes_nhs_pence, 7143);
  assert.equal(entry.source, 'dispute');
  r = await post(r.json, 'outcome', { outcome: 'Again', effective_from: day(0) });
  assert.equal(r.status, 409, r.text);                 // settled once
});

test('evidence: typed by content, size-limited, served only to the parties as an attachment, audited', async () => {
  const s = await planTask();
  const d = (await raise(s)).json;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const up = (bytes, name, token = t['sw.jones'], type = 'application/pdf') => fetch(
    `${srv.base}/api/v1/disputes/${d.id}/attachments?filename=${encodeURIComponent(name)}`,
    { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body: bytes });
  let r = await up(pdf, 'panel letter.exe', t['sw.jones'], 'application/octet-stream');
  const text = await r.text();
  assert.equal(r.status, 201, text);
  const a = JSON.parse(text);
  assert.equal(a.content_type, 'application/pdf');
  assert.equal(a.filename, 'panel letter.pdf');        // the extension follows the content
  assert.equal(a.sha256, createHash('sha256').update(pdf).digest('hex'));
  const stored = count('dispute_attachments');
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 1)]);
  r = await up(exe, 'letter.pdf');
  assert.equal(r.status, 415, await r.text());
  r = await up(Buffer.from('<html><script>alert(1)</script></html>'), 'note.txt', t['sw.jones'], 'text/plain');
  assert.equal(r.status, 415, await r.text());
  sql(srv.db, `UPDATE partnerships SET attachment_max_bytes = 1000`);
  r = await up(Buffer.concat([pdf, Buffer.alloc(1000, 32)]), 'big.pdf');
  assert.equal(r.status, 413, await r.text());
  sql(srv.db, `UPDATE partnerships SET attachment_max_bytes = 524288`);
  assert.equal(count('dispute_attachments'), stored);
  r = await up(pdf, 'x.pdf', t['rn.patel']);
  assert.equal(r.status, 403, await r.text());
  const get = (token) => fetch(`${srv.base}/api/v1/disputes/${d.id}/attachments/${a.id}`, { headers: { Authorization: `Bearer ${token}` } });
  r = await get(t['icb.mgr']);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="panel letter.pdf"');
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), pdf);
  for (const u of ['rn.patel', 'board']) assert.equal((await get(t[u])).status, 403);
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE action = 'upload' AND resource_id = '${a.id}'`)), 1);
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE action = 'read' AND resource_type = 'dispute_attachment' AND resource_id = '${a.id}'`)), 1);
  const full = await srv.api('GET', `/api/v1/disputes/${d.id}`, { token: t['sw.jones'] });
  assert.equal(full.json.attachments[0].id, a.id);
  assert.equal(full.json.attachments[0].content, undefined);
});

test('bad input names the field and stores nothing', async () => {
  const s = await planTask();
  const before = count('disputes');
  const cases = [
    [{ subject: undefined }, ['subject']],
    [{ subject: { type: 'care_home', id: s.task } }, ['subject.type']],
    [{ subject: { type: 'chc_decision', id: s.task } }, ['subject.id']],
    [{ against_org_id: org.HCP }, ['against_org_id']],
    [{ against_org_id: org.SCC }, ['against_org_id']],
    [{ question: '  ' }, ['question']],
    [{ interim_funder_org_id: org.SHT }, ['interim_funder_org_id']],
  ];
  for (const [extra, want] of cases) {
    const r = await raise(s, extra);
    assert.equal(r.status, 422, `${JSON.stringify(extra)}: ${r.text}`);
    assert.deepEqual(fields(r), want, JSON.stringify(extra));
  }
  let r = await raise(s, {}, t['rn.patel']);       // a trust outside the dispute, no relationship
  assert.equal(r.status, 403, r.text);
  r = await raise(s, {}, t.board);
  assert.equal(r.status, 403, r.text);
  assert.equal(count('disputes'), before);
  assert.equal(NOW.slice(0, 10) <= TODAY || true, true);
});

// s75 pooled funds end-to-end: the year-end over/underspend shared by each
// risk-share rule (contribution ratio, fixed percentage, capped with the
// host as last resort) to the penny; who may write and read; bad input
// naming the field with nothing stored; a stale version refused; the
// statement as CSV (formula-safe) and XLSX (a zip with the expected sheets).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, sql, cli, PASSWORD } from './harness.mjs';

let srv, t, scc, icb, sht;
before(async () => {
  srv = await startServer();
  for (const [u, org] of [['icb.finance', 'SICB'], ['sht.finance', 'SHT']]) {
    const r = cli(['user', 'add', '--db', srv.db, '--username', u, '--org', org, '--role', 'finance', '--password-stdin'], PASSWORD);
    assert.equal(r.status, 0, r.stderr);
  }
  t = {};
  for (const u of ['finance', 'admin', 'board', 'tm.khan', 'sw.jones', 'icb.finance', 'sht.finance']) t[u] = srv.token(u);
  scc = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SCC'");
  icb = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SICB'");
  sht = sql(srv.db, "SELECT id FROM organisations WHERE code = 'SHT'");
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));

// A fund for 2026/27: council 60,000.00, ICB 40,000.00 unless told otherwise.
async function fund({ rule = 'contribution_ratio', council = {}, nhs = {}, host = null, token = t.finance } = {}) {
  const r = await srv.api('POST', '/api/v1/pooled-funds', { token, body: {
    name: `BCF ${rule}`, aims: 'Keep people at home', year_start: '2026-04-01', year_end: '2027-03-31',
    host_org_id: host ?? scc, risk_share: rule,
    partners: [{ org_id: scc, contribution_pence: 6000000, ...council },
               { org_id: icb, contribution_pence: 4000000, ...nhs }],
    services: [{ name: 'Reablement', budget_pence: 7000000 }, { name: 'Carers breaks', budget_pence: 3000000 }] } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function spend(f, pence, { on = '2026-05-10', service = 'Reablement', token = t.finance, version } = {}) {
  const cur = (await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t.finance })).json;
  return srv.api('POST', `/api/v1/pooled-funds/${f.id}/spend`, { token, body: {
    service_id: cur.services.find((x) => x.name === service).id, amount_pence: pence, spent_on: on, description: 'Block contract',
    version: version ?? cur.version } });
}

const shares = (st) => st.partners.map((p) => p.share_pence);
const sum = (a) => a.reduce((x, y) => x + y, 0);

test('contribution ratio: an overspend and an underspend shared 60:40 to the penny', async () => {
  const f = await fund();
  assert.equal(f.budget_pence, 10000000);
  assert.equal(f.position, 'underspend');            // nothing spent yet: all returned
  let r = await spend(f, 6000001, { on: '2026-04-01' });
  assert.equal(r.status, 201, r.text);
  r = await spend(f, 4100000, { on: '2027-03-31', service: 'Carers breaks' });
  assert.equal(r.status, 201, r.text);
  const st = r.json;
  assert.equal(st.spent_pence, 10100001);
  assert.equal(st.variance_pence, 100001);
  assert.equal(st.position, 'overspend');
  assert.deepEqual(shares(st), [60001, 40000]);
  assert.equal(sum(shares(st)), st.variance_pence);
  assert.deepEqual(st.partners.map((p) => p.net_cost_pence), [6060001, 4040000]);
  // by quarter: Q1 from 1 April, Q4 to 31 March
  assert.deepEqual(st.quarters.map((q) => q.spent_pence), [6000001, 0, 0, 4100000]);
  const reablement = st.services.find((s) => s.name === 'Reablement');
  assert.deepEqual(reablement.quarters, [6000001, 0, 0, 0]);
  assert.equal(reablement.variance_pence, -999999);

  const g = await fund();
  r = await spend(g, 9999999);
  assert.equal(r.json.variance_pence, -1);
  assert.deepEqual(shares(r.json), [-1, 0]);
  assert.equal(r.json.position, 'underspend');
  r = await spend(g, 1);
  assert.equal(r.json.position, 'on_budget');
  assert.deepEqual(shares(r.json), [0, 0]);
});

test('fixed percentage: 70/30 whatever was contributed; percentages must add up to 100%', async () => {
  const f = await fund({ rule: 'fixed_percentage', council: { share_bp: 7000 }, nhs: { share_bp: 3000 } });
  let r = await spend(f, 10100000);
  assert.deepEqual(shares(r.json), [70000, 30000]);
  const g = await fund({ rule: 'fixed_percentage', council: { share_bp: 7000 }, nhs: { share_bp: 3000 } });
  r = await spend(g, 9900001);
  assert.equal(r.json.variance_pence, -99999);
  assert.deepEqual(shares(r.json), [-69999, -30000]);

  const before = count('pooled_funds');
  r = await srv.api('POST', '/api/v1/pooled-funds', { token: t.finance, body: {
    name: 'Bad', year_start: '2026-04-01', year_end: '2027-03-31', host_org_id: scc, risk_share: 'fixed_percentage',
    partners: [{ org_id: scc, share_bp: 7000 }, { org_id: icb, share_bp: 2999 }], services: [{ name: 'A' }] } });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.errors.some((e) => e.field === 'risk_share'), r.text);
  assert.equal(count('pooled_funds'), before);
});

test('capped: the ICB bears at most its cap of an overspend, the host council the rest; underspends ignore caps', async () => {
  const f = await fund({ rule: 'capped', nhs: { cap_pence: 10000 } });
  let r = await spend(f, 10100000);
  assert.deepEqual(shares(r.json), [90000, 10000]);
  assert.equal(sum(shares(r.json)), 100000);
  assert.equal(r.json.partners[0].is_host, true);

  const exact = await fund({ rule: 'capped', nhs: { cap_pence: 40000 } });
  r = await spend(exact, 10100000);
  assert.deepEqual(shares(r.json), [60000, 40000]);

  const under = await fund({ rule: 'capped', nhs: { cap_pence: 10 } });
  r = await spend(under, 9900000);
  assert.deepEqual(shares(r.json), [-60000, -40000]);
});

test('who may write and read', async () => {
  const f = await fund();
  // board viewers and partners' finance read; team managers of a partner read
  for (const u of ['board', 'icb.finance', 'tm.khan', 'admin']) {
    const r = await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t[u] });
    assert.equal(r.status, 200, `${u}: ${r.text}`);
  }
  // a practitioner has no access to aggregates; a non-partner sees nothing
  assert.equal((await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t['sw.jones'] })).status, 403);
  assert.equal((await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t['sht.finance'] })).status, 404);
  const list = await srv.api('GET', '/api/v1/pooled-funds', { token: t['sht.finance'] });
  assert.equal(list.status, 200);
  assert.ok(!list.json.items.some((x) => x.id === f.id));
  const boardList = await srv.api('GET', '/api/v1/pooled-funds', { token: t.board });
  assert.ok(boardList.json.items.some((x) => x.id === f.id));

  const before = count('pooled_fund_spend');
  for (const u of ['board', 'tm.khan']) {
    const r = await spend(f, 100, { token: t[u] });
    assert.equal(r.status, 403, `${u}: ${r.text}`);
  }
  assert.equal((await spend(f, 100, { token: t['sht.finance'] })).status, 404);
  assert.equal(count('pooled_fund_spend'), before);
  // the other partner's finance and the council's org admin may write
  assert.equal((await spend(f, 100, { token: t['icb.finance'] })).status, 201);
  assert.equal((await spend(f, 100, { token: t.admin })).status, 201);
  // the ICB's contribution, recorded by the ICB, audited
  const cur = (await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t.finance })).json;
  const r = await srv.api('POST', `/api/v1/pooled-funds/${f.id}/contributions`, { token: t['icb.finance'], body: {
    org_id: icb, amount_pence: 500000, agreed_on: '2026-10-01', note: 'Winter uplift', version: cur.version } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.budget_pence, 10500000);
  assert.equal(r.json.partners[1].contributed_pence, 4500000);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'pooled_fund_contribution'`), '1');
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'pooled_fund' AND resource_id = '${f.id}'`), '1');
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_trail WHERE resource_type = 'pooled_fund_spend'`), String(count('pooled_fund_spend')));
  assert.equal(r.headers.get('etag'), `W/"${cur.version + 1}"`);
  assert.equal(cli(['audit', 'verify', '--db', srv.db]).status, 0);
  // a board viewer cannot set up a fund; a fund must include the creator's organisation
  assert.equal((await srv.api('POST', '/api/v1/pooled-funds', { token: t.board, body: {} })).status, 403);
  const other = await srv.api('POST', '/api/v1/pooled-funds', { token: t['sht.finance'], body: {
    name: 'Not ours', year_start: '2026-04-01', year_end: '2027-03-31', host_org_id: scc, risk_share: 'capped',
    partners: [{ org_id: scc }, { org_id: icb }], services: [{ name: 'A' }] } });
  assert.equal(other.status, 422);
  assert.ok(other.json.errors.some((e) => e.field === 'partners'));
});

test('bad input names the field and stores nothing; a stale version is refused', async () => {
  const f = await fund();
  const cur = (await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t.finance })).json;
  const before = count('pooled_fund_spend');
  const cases = [
    [{ amount_pence: 0 }, 'amount_pence'],
    [{ amount_pence: -5 }, 'amount_pence'],
    [{ amount_pence: 12.5 }, 'amount_pence'],
    [{ amount_pence: '100' }, 'amount_pence'],
    [{ spent_on: '2026-03-31' }, 'spent_on'],
    [{ spent_on: '2027-04-01' }, 'spent_on'],
    [{ spent_on: '2026-02-30' }, 'spent_on'],
    [{ service_id: 'nope' }, 'service_id'],
    [{ version: undefined }, 'version'],
  ];
  for (const [bad, field] of cases) {
    const body = { service_id: cur.services[0].id, amount_pence: 100, spent_on: '2026-06-01', version: cur.version, ...bad };
    const r = await srv.api('POST', `/api/v1/pooled-funds/${f.id}/spend`, { token: t.finance, body });
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${r.text}`);
  }
  let r = await srv.api('POST', `/api/v1/pooled-funds/${f.id}/contributions`, { token: t.finance, body: {
    org_id: sht, amount_pence: 100, agreed_on: '2026-06-01', version: cur.version } });
  assert.equal(r.status, 422);
  assert.ok(r.json.errors.some((e) => e.field === 'org_id'));
  assert.equal(count('pooled_fund_spend'), before);
  // stale: someone else recorded spend first
  assert.equal((await spend(f, 100, { version: cur.version })).status, 201);
  r = await spend(f, 100, { version: cur.version });
  assert.equal(r.status, 409, r.text);
  assert.equal(count('pooled_fund_spend'), before + 1);
  // a fund with a bad year, an unknown rule, a host that is not a partner
  const bad = await srv.api('POST', '/api/v1/pooled-funds', { token: t.finance, body: {
    name: 'Bad', year_start: '2026-04-01', year_end: '2027-04-01', host_org_id: sht, risk_share: 'coin_toss',
    partners: [{ org_id: scc, contribution_pence: 0 }], services: [] } });
  assert.equal(bad.status, 422);
  for (const field of ['year_end', 'risk_share', 'host_org_id', 'partners[0].contribution_pence', 'services'])
    assert.ok(bad.json.errors.some((e) => e.field === field), `${field}: ${bad.text}`);
});

test('the statement downloads as CSV (formula-safe) and XLSX', async () => {
  const f = await fund();
  const cur = (await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t.finance })).json;
  let r = await srv.api('POST', `/api/v1/pooled-funds/${f.id}/spend`, { token: t.finance, body: {
    service_id: cur.services.find((x) => x.name === 'Reablement').id, amount_pence: 10100001, spent_on: '2026-07-01', description: '=HYPERLINK("x")',
    version: cur.version } });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('GET', `/api/v1/pooled-funds/${f.id}?format=csv`, { token: t.board });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  assert.match(r.text, /^partner,"Shire County Council[^"]*",60000\.00,0,0\.00,600\.01,60600\.01,yes\r$/m);
  assert.match(r.text, /^total,"Pooled fund",100000\.00,0\.00,101000\.01,0\.00,0\.00,101000\.01,1000\.01\r$/m);
  assert.match(r.text, /^spend,2026-07-01,"Reablement",101000\.01,"'=HYPERLINK\(""x""\)"\r$/m);
  r = await srv.api('GET', `/api/v1/pooled-funds/${f.id}`, { token: t.board, headers: { Accept: 'text/csv' } });
  assert.match(r.headers.get('content-type'), /text\/csv/);

  const x = await fetch(`${srv.base}/api/v1/pooled-funds/${f.id}?format=xlsx`, { headers: { Authorization: `Bearer ${t.board}` } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const file = path.join(srv.dir, 'statement.xlsx');
  writeFileSync(file, bytes);
  const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
  for (const part of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml', 'xl/styles.xml'])
    assert.ok(listing.includes(part), listing);
  const workbook = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
  for (const name of ['Statement', 'Partners', 'Spend']) assert.match(workbook, new RegExp(`name="${name}"`));
  const partners = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet2.xml'], { encoding: 'utf8' });
  assert.match(partners, /<v>600\.01<\/v>/);     // the council's share, a number not text
  const styles = execFileSync('unzip', ['-p', file, 'xl/styles.xml'], { encoding: 'utf8' });
  assert.match(styles, /formatCode="&quot;£&quot;#,##0\.00/);
  assert.equal((await srv.api('GET', `/api/v1/pooled-funds/${f.id}?format=pdf`, { token: t.board })).status, 422);
});
